"""How the app starts: the command line, the installation self-test and the check that Qt can open a window."""
