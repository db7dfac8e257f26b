"""Writes the hostile test files beside this script (run it again after changing it; the files are committed).

- ``external.docx``: a Word file whose relationships point to remote targets (TargetMode="External":
  hyperlink, linked picture, attached template, sub-document), plus INCLUDETEXT / INCLUDEPICTURE fields;
- ``entities.docx``: the same, with XML parts whose DOCTYPE declares external entities (file:///etc/passwd,
  http://...): Word never writes one, and the reader refuses it;
- ``external.pdf``: a PDF whose annotations and actions point outside (URI, Launch /etc/passwd, GoToR to a
  remote file, JavaScript on open);
- ``hostile.briefing``: a project whose article paths, template name and texts try to name files and URLs,
  and whose texts carry every line of ``markup.txt`` (reportlab and HTML markup that must print as text).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCTYPE = ('<!DOCTYPE w:document [\n  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
           '  <!ENTITY remote SYSTEM "http://example.invalid/entity.txt">\n'
           '  <!ENTITY % param SYSTEM "http://example.invalid/param.dtd">\n  %param;\n]>\n')
SENTENCES = [
    "Defence Minister Minoru Kihara and Defense Secretary Lloyd Austin met in Tokyo on Sunday.",
    "They agreed to upgrade their command links, officials said after the talks.",
    "Japan will set up its Joint Operations Command by the end of March 2025.",
]


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(instruction: str) -> str:
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instruction} '
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{_run("field result")}'
            f'<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def docx_bytes(name: str = "external.docx", doctype: bool = False) -> bytes:
    body = [f'<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>{_run("Ministers agree on command links")}</w:p>']
    body += [f"<w:p>{_run(s)}</w:p>" for s in SENTENCES]
    if doctype:
        body.append(f"<w:p>{_run('Entities: ')}<w:r><w:t>&passwd;&remote;</w:t></w:r></w:p>")
    body.append(f'<w:p><w:hyperlink r:id="rIdLink">{_run("Read more")}</w:hyperlink></w:p>')
    for instruction in ('INCLUDETEXT &quot;/etc/passwd&quot;',
                        'INCLUDEPICTURE &quot;http://example.invalid/x.png&quot; \\d'):
        body.append(f"<w:p>{_field(instruction)}</w:p>")
    body.append('<w:p><w:fldSimple w:instr=" HYPERLINK &quot;http://example.invalid/&quot; ">'
                f'{_run("simple field")}</w:fldSimple></w:p>')
    body.append('<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" id="s1">'
                '<v:imagedata r:id="rIdPic" o:title="" xmlns:o="urn:schemas-microsoft-com:office:office"/>'
                '</v:shape></w:pict></w:r></w:p>')
    body.append('<w:p><w:subDoc r:id="rIdSub"/></w:p>')
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n{DOCTYPE if doctype else ""}'
                f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{"".join(body)}</w:body></w:document>')
    doc_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                f'<Relationship Id="rIdLink" Type="{R}/hyperlink" Target="http://example.invalid/more" '
                'TargetMode="External"/>'
                f'<Relationship Id="rIdPic" Type="{R}/image" Target="http://example.invalid/pixel.png" '
                'TargetMode="External"/>'
                f'<Relationship Id="rIdSub" Type="{R}/subDocument" Target="file:///etc/passwd" '
                'TargetMode="External"/>'
                f'<Relationship Id="rIdSet" Type="{R}/settings" Target="settings.xml"/>'
                '</Relationships>')
    settings = f'<?xml version="1.0" encoding="UTF-8"?><w:settings xmlns:w="{W}" xmlns:r="{R}">' \
               '<w:attachedTemplate r:id="rIdTpl"/></w:settings>'
    settings_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                     f'<Relationship Id="rIdTpl" Type="{R}/attachedTemplate" '
                     'Target="http://example.invalid/template.dotm" TargetMode="External"/></Relationships>')
    core_doctype = '<!DOCTYPE cp:coreProperties [<!ENTITY passwd SYSTEM "file:///etc/passwd">]>\n' if doctype else ""
    core = ('<?xml version="1.0" encoding="UTF-8"?>\n' + core_doctype +
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/'
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f'<dc:title>Core title{" &passwd;" if doctype else ""}</dc:title></cp:coreProperties>')
    root_rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                 f'<Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
                 'metadata/core-properties" Target="docProps/core.xml"/>'
                 '<Relationship Id="rId3" Type="http://example.invalid/remote" '
                 'Target="http://example.invalid/remote.xml" TargetMode="External"/></Relationships>')
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/><Override PartName="/word/settings.xml" ContentType="'
             'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
             '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.'
             'core-properties+xml"/></Types>')
    path = HERE / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", types), ("_rels/.rels", root_rels),
                           ("word/document.xml", document), ("word/_rels/document.xml.rels", doc_rels),
                           ("word/settings.xml", settings), ("word/_rels/settings.xml.rels", settings_rels),
                           ("docProps/core.xml", core)):
            info = zipfile.ZipInfo(name, date_time=(2024, 7, 28, 12, 0, 0))  # the same bytes every run
            z.writestr(info, text)
    return path.read_bytes()


def pdf_bytes() -> bytes:
    lines = ["BT /F1 12 Tf 72 720 Td 16 TL"]
    for sentence in SENTENCES:
        lines.append(f"({sentence}) Tj T*")
    lines.append("ET")
    stream = "\n".join(lines).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /AA << /WC 7 0 R >> /Names << /JavaScript "
        b"<< /Names [(x) 6 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R /Annots [8 0 R 9 0 R 10 0 R] >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /S /JavaScript /JS (app.launchURL\\('http://example.invalid/open'\\);) >>",
        b"<< /S /Launch /F (/etc/passwd) >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 716] /A << /S /URI /URI (http://example.invalid/) >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 680 300 696] /A << /S /Launch /F (file:///etc/passwd) >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 660 300 676] /A << /S /GoToR /D [0 /Fit] "
        b"/F << /Type /Filespec /FS /URL /F (http://example.invalid/remote.pdf) >> >> >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    (HERE / "external.pdf").write_bytes(bytes(out))
    return bytes(out)


def hostile_project() -> dict:
    """Every text of the briefing carries the markup lines; paths and the template try to name files."""
    markup = (HERE / "markup.txt").read_text(encoding="utf-8").splitlines()
    text = " ".join(f"Line {i}: {line}." for i, line in enumerate(markup, start=1))
    paths = ["/etc/passwd", "../../../../etc/passwd", "file:///etc/passwd", "http://example.invalid/a.html",
             "\\\\example.invalid\\share\\a.txt"]
    articles = [{"id": f"a{i}", "path": path, "title": f"Title {i} {markup[i % len(markup)]}",
                 "outlet": f"Outlet {markup[(i + 1) % len(markup)]}", "published": "2024-07-28",
                 "text": text, "raw_text": text, "removed": [{"text": markup[0], "reason": markup[1], "start": -1}]}
                for i, path in enumerate(paths)]
    facts = []
    for i, line in enumerate(markup):
        # The fact's wording differs from its source sentence, so endnote templates quote the sentence.
        start = text.index(f"Line {i + 1}: ")
        end = text.index(".", start + len(line)) + 1 if f"Line {i + 2}: " in text else len(text)
        facts.append({"id": f"F{i + 1:03d}", "text": f"Fact {i + 1} says {line}", "section": "other" if i % 3
                      else line, "score": 0.9 - i / 100, "included": True, "status": ("reported", "expected",
                                                                                        "opinion")[i % 3],
                      "sources": [{"article_id": f"a{i % len(paths)}", "start": start, "end": end}],
                      "entities": [{"text": line, "type": "money", "value": line}],
                      "dates": [{"text": line, "value": "2024-07-28", "granularity": "day"}],
                      "conflicts": [{"fact_id": f"F{(i + 1) % len(markup) + 1:03d}", "reason": line}]})
    entities = [{"type": "person", "name": f"Person {line}", "role": line, "country": line, "aliases": [line],
                 "mentions": 2, "native_name": line, "included": True} for line in markup]
    timeline = [{"date": "2024-07-28", "granularity": "day", "text": line, "fact_id": f"F{i + 1:03d}"}
                for i, line in enumerate(markup)]
    joined = " ".join(markup)
    memo = {"to": joined, "sender": markup[2], "date": "2024-07-29", "subject": f"Subject {markup[0]}",
            "classification": "UNCLASSIFIED", "template": "../../../../etc/passwd", "through": markup[3],
            "summary": f"Summary {joined}"}
    return {"format": "briefing-builder-project", "version": 1, "app_version": "0.1.0",
            "saved": "2024-07-29T08:15:02+00:00",
            "briefing": {"articles": articles, "facts": facts, "memo": memo, "entities": entities,
                         "timeline": timeline}}


def main() -> None:
    docx_bytes()
    docx_bytes("entities.docx", doctype=True)
    pdf_bytes()
    (HERE / "hostile.briefing").write_text(json.dumps(hostile_project(), ensure_ascii=False, indent=1) + "\n",
                                           encoding="utf-8")


if __name__ == "__main__":
    main()
