"""Fuzzing the readers: valid sample files, ways to break them, and a worker process that runs each input.

Used by tests/test_fuzz_readers.py (a few hundred inputs in `make test`) and bench/fuzz_readers.py (10,000 or
more, with counts). Each input is a file of one kind (txt, md, html, docx, pdf or a .briefing project) made by
mutating a valid sample: byte flips, truncation, splices of two files, NUL bytes, mixed encodings, and
structure-aware damage (zip members that expand hugely or lie about their size, XML entity expansion, deeply
nested HTML, PDFs with broken object trees, hand-edited JSON).

The input runs in a separate worker process, so that a hang is a timeout (the worker is killed and replaced)
and memory is measured as the worker's own peak RSS, never the test process's. The worker reads the file as the
app does (``load_article`` then extraction and, now and then, both exports; ``read_project`` for projects) and
answers with one of: ``loaded``, ``refused`` (the app's own error, with its message), ``crash`` (any other
exception, with its traceback), or the parent records ``hang`` / ``died``.
"""

from __future__ import annotations

import functools
import io
import json
import multiprocessing
import os
import random
import re
import struct
import tempfile
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
KINDS = ("txt", "md", "html", "docx", "pdf", "briefing")
TIME_BOUND_S = 20.0  # a single input; the readers' own bounds refuse far sooner
MEMORY_BOUND_MB = 1024  # the worker's peak RSS while it reads one input
FRESH_WORKER_MB = 450  # after a peak above this the worker is replaced (a fragmented heap stays big)
ADDRESS_SPACE_LIMIT_MB = 4096  # the worker's virtual memory cap: past it MemoryError, not the OOM killer


# -- valid samples ------------------------------------------------------------------------------------------
def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


_JAPANESE = ("東京で28日、日米の外務・防衛担当閣僚による安全保障協議委員会（2プラス2）が開かれた。"
             "木原稔防衛相は「同盟の抑止力を一層強化する」と述べた。\n\n"
             "両政府は在日米軍の指揮統制を見直すことで一致した。")


def _markdown(text: str) -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return f"# {paragraphs[0][:80]}\n\n*Tokyo* — **{paragraphs[0]}**\n\n" + "\n\n".join(
        f"- {p}" if i % 3 == 0 else p for i, p in enumerate(paragraphs[1:])) + "\n\n[link](http://example.com)\n"


def _html(text: str, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>Talks in Tokyo | News</title>'
            f'<meta property="article:published_time" content="2024-07-28"></head><body><nav>Home | World</nav>'
            f"<article><h1>Talks in Tokyo</h1>{body}</article><footer>© News 2024</footer></body></html>")


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Talks in Tokyo"
    document.add_heading("Talks in Tokyo", level=1)
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(text: str) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    out = io.BytesIO()
    styles = getSampleStyleSheet()
    doc = SimpleDocTemplate(out, pagesize=A4, title="Talks in Tokyo")
    doc.build([Paragraph(escape(p), styles["BodyText"]) for p in text.split("\n\n") if p.strip()])
    return out.getvalue()


def _project(texts: list[str], folder: Path) -> bytes:
    from app.run.pipeline import build_briefing
    from app.store import save_project

    paths = []
    for i, text in enumerate(texts):
        path = folder / f"article-{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    briefing = build_briefing(paths).briefing
    target = folder / "sample.briefing"
    save_project(briefing, target)
    return target.read_bytes()


def build_samples() -> dict[str, list[bytes]]:
    """Valid files of every kind, built from the sample articles (and a Japanese text)."""
    texts = _seed_texts()
    samples: dict[str, list[bytes]] = {
        "txt": [t.encode("utf-8") for t in texts] + [_JAPANESE.encode("utf-8"), texts[0].encode("cp1252", "replace"),
                                                     _JAPANESE.encode("shift_jis")],
        "md": [_markdown(t).encode("utf-8") for t in texts],
        "html": [_html(t).encode("utf-8") for t in texts] + [_html(_JAPANESE).encode("utf-8")],
        "docx": [_docx(t) for t in texts] + [_docx(_JAPANESE)],
        "pdf": [_pdf(t) for t in texts],
    }
    with tempfile.TemporaryDirectory() as tmp:
        samples["briefing"] = [_project(texts, Path(tmp))]
    return samples


# -- ways to break a file -----------------------------------------------------------------------------------
Mutation = Callable[[bytes, random.Random, dict[str, list[bytes]]], bytes]


def flip_bytes(data: bytes, rnd: random.Random, _samples) -> bytes:
    out = bytearray(data)
    for _ in range(rnd.choice((1, 2, 8, 64))):
        if out:
            out[rnd.randrange(len(out))] = rnd.randrange(256)
    return bytes(out)


def truncate(data: bytes, rnd: random.Random, _samples) -> bytes:
    return data[: rnd.randrange(len(data) + 1)] if data else data


def splice(data: bytes, rnd: random.Random, samples) -> bytes:
    other = rnd.choice(rnd.choice(list(samples.values())))
    return data[: rnd.randrange(len(data) + 1)] + other[rnd.randrange(len(other) + 1):]


def insert_nuls(data: bytes, rnd: random.Random, _samples) -> bytes:
    at = rnd.randrange(len(data) + 1)
    return data[:at] + b"\x00" * rnd.choice((1, 2, 100, 5000)) + data[at:]


def repeat_chunk(data: bytes, rnd: random.Random, _samples) -> bytes:
    if not data:
        return data
    start = rnd.randrange(len(data))
    chunk = data[start: start + rnd.randrange(1, 400)]
    return data[:start] + chunk * rnd.choice((2, 10, 1000)) + data[start:]


def drop_chunk(data: bytes, rnd: random.Random, _samples) -> bytes:
    if not data:
        return data
    start = rnd.randrange(len(data))
    return data[:start] + data[start + rnd.randrange(1, 2000):]


def mix_encodings(data: bytes, rnd: random.Random, _samples) -> bytes:
    """Some paragraphs re-encoded in another code page: what a careless copy-paste produces."""
    text = data.decode("utf-8", "replace")
    parts = text.split("\n\n")
    for i in range(len(parts)):
        if rnd.random() < 0.4:
            encoding = rnd.choice(("cp1252", "cp1250", "cp1251", "shift_jis", "euc-kr", "utf-16-le", "gb18030"))
            parts[i] = parts[i].encode(encoding, "replace").decode("latin-1")
    return "\n\n".join(parts).encode("latin-1", "replace")


GENERIC: tuple[Mutation, ...] = (flip_bytes, truncate, splice, insert_nuls, repeat_chunk, drop_chunk)


def nested_html(_data: bytes, rnd: random.Random, _samples) -> bytes:
    depth = rnd.choice((1_000, 20_000, 100_000))
    tag = rnd.choice(("div", "b", "table", "p", "span"))
    closing = f"</{tag}>" * rnd.choice((0, depth))
    return f"<html><body>{f'<{tag}>' * depth}Deep text about the talks in Tokyo.{closing}</body></html>".encode()


def entity_html(_data: bytes, rnd: random.Random, _samples) -> bytes:
    entities = "".join(rnd.choice(("&amp;", "&#x1F600;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;", "&#99999999;"))
                       for _ in range(rnd.choice((10, 10_000, 200_000))))
    dtd = ('<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>')
    return f"{dtd}<html><body><p>The ministers met. {entities} &c; &ext;</p></body></html>".encode()


def long_line_html(_data: bytes, rnd: random.Random, _samples) -> bytes:
    words = " ".join(rnd.choice(("talks", "Tokyo", "missile", "alliance", "the")) for _ in range(200_000))
    return f"<html><body><p>{words}</p></body></html>".encode()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes | None]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info))
            if content is not None:
                target.writestr(info.filename, content)
    return out.getvalue()


def damage_docx_xml(data: bytes, rnd: random.Random, samples) -> bytes:
    """Byte damage inside one XML part, re-zipped: reaches the XML parser, not just the zip reader."""
    try:
        names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith((".xml", ".rels"))]
    except zipfile.BadZipFile:
        return flip_bytes(data, rnd, samples)
    victim = rnd.choice(names)
    mutation = rnd.choice((flip_bytes, truncate, drop_chunk, repeat_chunk, insert_nuls))
    return _rezip(data, lambda name, content: mutation(content, rnd, samples) if name == victim else content)


def drop_docx_part(data: bytes, rnd: random.Random, _samples) -> bytes:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    victim = rnd.choice(names)
    return _rezip(data, lambda name, content: None if name == victim else content)


def billion_laughs_docx(data: bytes, rnd: random.Random, _samples) -> bytes:
    levels = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    doctype = (f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{levels}'
               '<!ENTITY ext SYSTEM "file:///etc/passwd"><!ENTITY net SYSTEM "http://example.com/x">]>')
    use = rnd.choice(("&l9;", "&ext;", "&net;"))

    def change(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        head, _, rest = content.partition(b"?>")
        text = rest.replace(b"<w:t>", f"<w:t>{use}".encode(), 1)
        return head + b"?>" + doctype.encode() + text

    return _rezip(data, change)


@functools.cache
def _deflated(size: int) -> bytes:
    """``size`` spaces as a raw deflate stream, about a thousandth of the size, made in milliseconds: a full
    flush makes every 1 MiB block compress to the same bytes, so one block is repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b" " * 2**20) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (size // 2**20) + compressor.flush()


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip from (name, raw deflate data, declared size, crc) members: the header may lie about the size."""
    local, central = bytearray(), bytearray()
    for name, deflated, declared, crc in members:
        encoded = name.encode()
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(deflated),
                               declared & 0xFFFFFFFF, len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated),
                             declared & 0xFFFFFFFF, len(encoded), 0) + encoded + deflated
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(local), 0)
    return bytes(local + central + end)


def _member(name: str, content: bytes) -> tuple[str, bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, compressor.compress(content) + compressor.flush(), len(content), zlib.crc32(content)


def bomb_docx(data: bytes, rnd: random.Random, _samples) -> bytes:
    """The sample with a document.xml that inflates far past any article, its header true or lying."""
    size = rnd.choice((200 * 2**20, 2 * 2**30))
    deflated = _deflated(size)
    declared = rnd.choice((size, 1000, 0))
    try:
        source = zipfile.ZipFile(io.BytesIO(data))
        others = [_member(i.filename, source.read(i)) for i in source.infolist() if i.filename != "word/document.xml"]
    except (zipfile.BadZipFile, OSError, ValueError):
        others = []
    # The CRC is left wrong: a reader that gets as far as checking it has already inflated it all.
    return _zip([*others, ("word/document.xml", deflated, declared, 0)])


def broken_pdf_objects(data: bytes, rnd: random.Random, samples) -> bytes:
    """References to the wrong objects, loops, wrong lengths, a damaged cross-reference table."""
    text = data.decode("latin-1")
    choice = rnd.randrange(6)
    if choice == 0:  # every reference points at object 1 (loops through the page tree)
        text = re.sub(r"\b\d+ 0 R\b", "1 0 R", text)
    elif choice == 1:
        text = re.sub(r"/Length \d+", lambda _m: f"/Length {rnd.choice((0, 1, 10**9))}", text)
    elif choice == 2:
        text = re.sub(r"xref.*?trailer", "xref\n0 1\n0000000000 65535 f \ntrailer", text, flags=re.S)
    elif choice == 3:
        text = re.sub(r"/Kids \[[^\]]*\]", "/Kids [" + "[" * 5000 + "]" * 5000 + "]", text, count=1)
    elif choice == 4:
        text = re.sub(r"/Count \d+", f"/Count {10**9}", text)
    else:
        return flip_bytes(data, rnd, samples)
    return text.encode("latin-1")


@functools.cache
def _content_stream(size: int) -> bytes:
    """A zlib stream of ``size`` bytes of page drawing operators (see ``_deflated``)."""
    compressor = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf (talks) Tj ET\n" * 40000
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    head, rest = block[:2], block[2:]  # the zlib header comes once
    count, check = size // len(chunk), 1
    for _ in range(count):
        check = zlib.adler32(chunk, check)
    return head + rest * count + compressor.flush()[:-4] + struct.pack(">I", check)


def pdf_stream_bomb(_data: bytes, rnd: random.Random, _samples) -> bytes:
    """A page whose content stream inflates to hundreds of MB."""
    stream = _content_stream(rnd.choice((50 * 2**20, 600 * 2**20)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def edit_project_json(data: bytes, rnd: random.Random, samples) -> bytes:
    """A hand edit: one value replaced by something of another type or range, an entry dropped or doubled."""
    try:
        doc = json.loads(data)
    except ValueError:
        return flip_bytes(data, rnd, samples)
    containers: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                containers.append((node, key))
                walk(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                containers.append((node, index))
                walk(value)

    walk(doc)
    for _ in range(rnd.choice((1, 3, 10))):
        parent, key = rnd.choice(containers)
        action = rnd.randrange(5)
        try:
            if action == 0:
                parent[key] = rnd.choice((None, True, -1, 2**70, 1e308, "", "x" * 10_000, [], {}, [[[[]]]],
                                          "../../etc/passwd", "2024-13-45", {"article_id": "nope"}))
            elif action == 1 and isinstance(parent, dict):
                del parent[key]
            elif action == 1 and isinstance(parent, list):
                parent.pop(key)
            elif action == 2 and isinstance(parent, list):
                parent.append(parent[key])  # a duplicate (same id)
            elif action == 3 and isinstance(parent[key], int) and not isinstance(parent[key], bool):
                parent[key] = parent[key] * rnd.choice((-1, 1000, 0)) + rnd.choice((0, 1, 10**6))
            else:
                parent[key] = [parent[key]] * 2
        except (IndexError, KeyError, TypeError):
            continue
    return json.dumps(doc, allow_nan=True).encode("utf-8")


def deep_json(_data: bytes, rnd: random.Random, _samples) -> bytes:
    depth = rnd.choice((1000, 100_000))
    return (b'{"format": "briefing-builder-project", "version": 1, "briefing": ' + b"[" * depth + b"]" * depth
            + b"}")


SPECIFIC: dict[str, tuple[Mutation, ...]] = {
    "txt": (mix_encodings,),
    "md": (mix_encodings,),
    "html": (mix_encodings, nested_html, entity_html, long_line_html),
    "docx": (damage_docx_xml, drop_docx_part, billion_laughs_docx, bomb_docx),
    "pdf": (broken_pdf_objects, pdf_stream_bomb),
    "briefing": (edit_project_json, deep_json),
}
_EXPENSIVE = {bomb_docx, pdf_stream_bomb, long_line_html, nested_html}


def mutate(kind: str, samples: dict[str, list[bytes]], rnd: random.Random, steps: int = 1,
           cheap: bool = False) -> tuple[bytes, list[str]]:
    """A sample of ``kind`` broken by ``steps`` mutations; returns the bytes and the mutations' names."""
    data = rnd.choice(samples[kind])
    names = []
    for _ in range(steps):
        # Half the time a structural mutation: byte damage alone rarely gets past a zip's or a PDF's checks.
        family = SPECIFIC[kind] if rnd.random() < 0.5 else GENERIC
        pool = [m for m in family if not (cheap and m in _EXPENSIVE)] or list(GENERIC)
        mutation = rnd.choice(pool)
        try:
            data = mutation(data, rnd, samples)
        except Exception:  # noqa: BLE001 - a structural mutation needs structure an earlier step broke
            mutation = flip_bytes
            data = mutation(data, rnd, samples)
        names.append(mutation.__name__)
    return data, names


# -- running an input ---------------------------------------------------------------------------------------
@dataclass
class Outcome:
    kind: str
    result: str  # loaded | refused | crash | hang | died
    message: str = ""  # the app's message (refused), the traceback (crash)
    seconds: float = 0.0
    peak_mb: float = 0.0

    @property
    def ok(self) -> bool:
        return self.result in ("loaded", "refused")


def _reset_peak() -> None:
    """Start this process's peak RSS afresh (Linux), so each input's peak is its own."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_mb() -> float:
    """Peak RSS since the last reset: VmHWM on Linux (ru_maxrss survives exec and counts the parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(kind: str, data: bytes, folder: Path, export: bool) -> tuple[str, str]:
    """What the app does with a file of ``kind`` (runs in the worker); returns (result, message)."""
    from app.shared.errors import BriefingError

    path = folder / f"input.{kind}"
    path.write_bytes(data)
    try:
        if kind == "briefing":
            from app.store import read_project

            read_project(path)
            return "loaded", ""
        from app.run.pipeline import build_briefing

        run = build_briefing([path])
        if run.errors:
            return "refused", run.errors[0].message
        if export:
            from app.render import export_memo

            export_memo(run.briefing, folder / "memo.pdf")
            export_memo(run.briefing, folder / "memo.docx")
        return "loaded", ""
    except BriefingError as exc:
        return "refused", exc.message
    except Exception:  # noqa: BLE001 - the very thing being looked for
        return "crash", traceback.format_exc()
    finally:
        path.unlink(missing_ok=True)


def _serve(conn) -> None:
    import logging
    import resource

    # A runaway input must not take the machine down: past this the worker gets MemoryError, not the OOM killer.
    limit = ADDRESS_SPACE_LIMIT_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    logging.disable(logging.CRITICAL)  # readers log what they skip; the fuzzer only wants outcomes
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp)
        while True:
            try:
                request = conn.recv()
            except EOFError:
                return
            if request is None:
                return
            kind, data, export = request
            _reset_peak()
            start = time.perf_counter()
            result, message = run_one(kind, data, folder, export)
            conn.send((result, message, time.perf_counter() - start, _peak_mb()))


class Worker:
    """A process that runs inputs one at a time; killed and replaced after a hang, a death or a big peak."""

    def __init__(self, time_bound: float = TIME_BOUND_S) -> None:
        self.time_bound = time_bound
        self._context = multiprocessing.get_context("spawn")
        self._process = None
        self._conn = None
        self.restarts = 0

    def _start(self) -> None:
        parent, child = self._context.Pipe()
        self._process = self._context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()
        self._conn = parent

    def _stop(self, kill: bool = False) -> None:
        if self._process is None:
            return
        if kill:
            self._process.kill()
        else:
            try:
                self._conn.send(None)
            except OSError:
                pass
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._conn.close()
        self._process = self._conn = None

    def run(self, kind: str, data: bytes, export: bool = False) -> Outcome:
        if self._process is None:
            self._start()
        start = time.perf_counter()
        self._conn.send((kind, data, export))
        if not self._conn.poll(self.time_bound + 60):  # the first input also pays the worker's imports
            self._stop(kill=True)
            self.restarts += 1
            return Outcome(kind, "hang", seconds=time.perf_counter() - start)
        try:
            result, message, seconds, peak = self._conn.recv()
        except EOFError:
            code = self._process.exitcode if self._process else None
            self._stop(kill=True)
            self.restarts += 1
            return Outcome(kind, "died", f"worker exit code {code}", time.perf_counter() - start)
        if peak > FRESH_WORKER_MB:
            self._stop()
            self.restarts += 1
        return Outcome(kind, result, message, seconds, peak)

    def close(self) -> None:
        self._stop()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def problems(outcome: Outcome) -> list[str]:
    """What is wrong with an outcome: an uncaught error, a hang, a death, too slow, too big, an unclear message."""
    found = []
    if not outcome.ok:
        found.append(f"{outcome.result}: {outcome.message[-2000:]}")
    if outcome.seconds > TIME_BOUND_S:
        found.append(f"took {outcome.seconds:.1f} s (bound {TIME_BOUND_S:.0f} s)")
    if outcome.peak_mb > MEMORY_BOUND_MB:
        found.append(f"peak {outcome.peak_mb:.0f} MB (bound {MEMORY_BOUND_MB} MB)")
    if outcome.result == "refused":
        found.extend(unclear(outcome.message))
    return found


_NOT_FOR_USERS = re.compile(r"Traceback|\bline \d+, in\b|[A-Z]\w+(?:Error|Exception)\(|0x[0-9a-f]{6,}|<\w+ object")


def unclear(message: str) -> list[str]:
    """A message a user can act on is one line, names the file, and holds no programmer's detail."""
    found = []
    if not message.strip() or "\n" in message.strip():
        found.append(f"message is empty or several lines: {message!r}")
    if len(message) > 400:
        found.append(f"message is {len(message)} characters long")
    if _NOT_FOR_USERS.search(message):
        found.append(f"message shows programmer's detail: {message!r}")
    return found


def save_crasher(folder: Path, kind: str, data: bytes, why: str) -> Path:
    """Keep an input that broke a reader as a regression case (named by its content's hash)."""
    import hashlib

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{hashlib.sha1(data).hexdigest()[:12]}.{kind}"
    if len(data) > 2 * 2**20:  # keep the corpus small: big cases are regenerated from their recipe
        data = zlib.compress(data, 9)
        path = path.with_name(path.name + ".z")
    path.write_bytes(data)
    path.with_name(path.name + ".why").write_text(why[:4000], encoding="utf-8")
    return path


def read_crasher(path: Path) -> tuple[str, bytes]:
    data = path.read_bytes()
    name = path.name
    if name.endswith(".z"):
        data, name = zlib.decompress(data), name[:-2]
    return name.rsplit(".", 1)[1], data


def worker_count() -> int:
    return max(1, min(2, os.cpu_count() or 1))
