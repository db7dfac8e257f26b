"""Small pieces every layer uses: typed errors, where bundled files are, the one atomic writer, the GC pause."""
