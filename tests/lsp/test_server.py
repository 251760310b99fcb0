"""`kpi lsp` end to end, over stdio, with pytest-lsp as the client: every feature of the
server, UTF-16 columns on CJK lines (and UTF-8 when negotiated), and findings that cross
files of a filing."""

import asyncio

from lsprotocol import types
from pytest_lsp import LanguageClient

# A guard against a hang, not a timing assertion.
STUCK = 60


def open_doc(client, path, text=None, version=1):
    text = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=path.as_uri(), language_id="kpi", version=version, text=text
            )
        )
    )
    return text


def change_doc(client, path, text, version):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=path.as_uri(), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, path, until=lambda ds: True):
    """The diagnostics of a file once they satisfy `until`."""

    async def wait():
        while True:
            got = client.diagnostics.get(path.as_uri())
            if got is not None and until(got):
                return got
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), STUCK)


def utf16_position(text, needle, plus=0):
    at = text.index(needle)
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    col = len(text[start:at].encode("utf-16-le")) // 2
    return types.Position(line=line, character=col + plus)


def pos(path, position):
    return dict(text_document=types.TextDocumentIdentifier(uri=path.as_uri()), position=position)


async def test_utf16_columns_on_a_cjk_line(client: LanguageClient, tmp_path):
    path = tmp_path / "a.kpi"
    text = 'project "科技" {\n  goal "𠀀科技"；\n}\n'
    path.write_text(text, encoding="utf-8")
    open_doc(client, path)
    ds = await diagnostics(client, path, lambda ds: any(d.code == "K0104" for d in ds))
    d = next(d for d in ds if d.code == "K0104")
    # `  goal "𠀀科技"` is 13 UTF-16 units (𠀀 is two), 19 bytes.
    assert (d.range.start.line, d.range.start.character) == (1, 13)
    assert (d.range.end.line, d.range.end.character) == (1, 14)
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.code_description.href.endswith("rules.md#k0104")


async def test_utf8_columns_when_negotiated(utf8_client: LanguageClient, tmp_path):
    path = tmp_path / "a.kpi"
    path.write_text('project "科技" {\n  goal "𠀀科技"；\n}\n', encoding="utf-8")
    open_doc(utf8_client, path)
    ds = await diagnostics(utf8_client, path, lambda ds: any(d.code == "K0104" for d in ds))
    d = next(d for d in ds if d.code == "K0104")
    assert (d.range.start.character, d.range.end.character) == (19, 22)


async def test_a_project_edit_updates_the_department_form(client: LanguageClient, tmp_path):
    dep = tmp_path / "dep.kpi"
    proj = tmp_path / "proj.kpi"
    dep.write_text(
        'department "局" {\n  year 2023;\n  funds {\n    project "科技专项" 10万元 fiscal;\n  }\n  goal "保障运行";\n}\n',
        encoding="utf-8",
    )
    proj_text = 'project "科技专项" {\n  year 2023;\n  budget 10万元 { fiscal 10万元; };\n  goal "实施";\n  output quantity "项目数" 3个;\n}\n'
    proj.write_text(proj_text, encoding="utf-8")
    open_doc(client, dep)
    open_doc(client, proj)
    before = await diagnostics(client, dep)
    assert "K0403" not in [d.code for d in before]
    change_doc(client, proj, proj_text.replace("10万元", "12万元"), 2)
    after = await diagnostics(client, dep, lambda ds: any(d.code == "K0403" for d in ds))
    d = next(d for d in after if d.code == "K0403")
    assert d.range.start.line == 3
    assert d.related_information[0].location.uri == proj.as_uri()


async def test_hover_on_a_quantity_and_a_funds_line(client: LanguageClient, lhasa):
    dep = lhasa / "00-department.kpi"
    text = open_doc(client, dep)
    h = await client.text_document_hover_async(
        types.HoverParams(**pos(dep, utf16_position(text, "1238.68万元", 3)))
    )
    assert "12386800.00 元" in h.contents.value
    h = await client.text_document_hover_async(
        types.HoverParams(**pos(dep, utf16_position(text, '"百家科技"', 2)))
    )
    assert "1100万元" in h.contents.value and "02-baijia-keji.kpi" in h.contents.value


async def test_completion_after_a_link(client: LanguageClient, lhasa):
    dep = lhasa / "00-department.kpi"
    text = open_doc(client, dep)
    typed = text.replace('project "双创办公经费" 30万元 transfer;', 'project "双创办公经费" 30万元 transfer -> ', 1)
    change_doc(client, dep, typed, 2)
    p = utf16_position(typed, "transfer -> ", len("transfer -> "))
    items = await client.text_document_completion_async(types.CompletionParams(**pos(dep, p)))
    items = items.items if hasattr(items, "items") else items
    labels = [i.label for i in items]
    assert "双创办公运行经费" in labels and "百家科技" in labels


async def test_definition_and_references(client: LanguageClient, lhasa):
    dep = lhasa / "00-department.kpi"
    proj = lhasa / "02-baijia-keji.kpi"
    text = open_doc(client, dep)
    p = utf16_position(text, '"百家科技"', 2)
    d = await client.text_document_definition_async(types.DefinitionParams(**pos(dep, p)))
    d = d[0] if isinstance(d, list) else d
    assert d.uri == proj.as_uri() and d.range.start.line == 1
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            **pos(proj, types.Position(line=1, character=10)),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert [(r.uri, r.range.start.line) for r in refs] == [(dep.as_uri(), p.line)]


async def test_symbols(client: LanguageClient, lhasa):
    proj = lhasa / "02-baijia-keji.kpi"
    open_doc(client, proj)
    syms = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=proj.as_uri()))
    )
    assert [s.name for s in syms] == ["百家科技"]
    assert [c.name for c in syms[0].children] == ["产出指标", "效益指标", "满意度指标"]
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="百家"))
    assert "百家科技" in [s.name for s in found]


async def test_formatting(client: LanguageClient, tmp_path):
    path = tmp_path / "a.kpi"
    path.write_text('project "科技"{year 2023；budget 5 万元;}\n', encoding="utf-8")
    open_doc(client, path)
    opts = types.FormattingOptions(tab_size=2, insert_spaces=True)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()), options=opts)
    )
    assert edits[0].new_text == 'project "科技" {\n  year 2023;\n  budget 5万元;\n}\n'
    change_doc(client, path, 'project "科技" { year 2023 budget; }\n', 2)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(text_document=types.TextDocumentIdentifier(uri=path.as_uri()), options=opts)
    )
    assert not edits


async def test_code_action_fixes_full_width_punctuation(client: LanguageClient, tmp_path):
    path = tmp_path / "a.kpi"
    path.write_text('project "科技" {\n  year 2023；\n}\n', encoding="utf-8")
    open_doc(client, path)
    ds = await diagnostics(client, path, lambda ds: any(d.code == "K0104" for d in ds))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=path.as_uri()),
            range=types.Range(start=types.Position(line=1, character=0), end=types.Position(line=1, character=12)),
            context=types.CodeActionContext(diagnostics=list(ds)),
        )
    )
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    edit = quick[0].edit.changes[path.as_uri()][0]
    assert edit.new_text == ";"
    assert (edit.range.start.line, edit.range.start.character) == (1, 11)
