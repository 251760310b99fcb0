"""pytest-lsp fixtures: the real `kpi lsp` binary (KPI_BIN, set by tests/lsp_clients.rs)."""

import os
import pathlib
import shutil

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

KPI = os.environ.get("KPI_BIN", "kpi")
ROOT = pathlib.Path(os.environ.get("KPI_ROOT", pathlib.Path(__file__).parents[2]))
LHASA = ROOT / "examples" / "lhasa-kjj-2023"


def capabilities(encodings=None):
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings)
        if encodings
        else None,
        text_document=types.TextDocumentClientCapabilities(
            document_symbol=types.DocumentSymbolClientCapabilities(
                hierarchical_document_symbol_support=True
            ),
            hover=types.HoverClientCapabilities(
                content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]
            ),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=True, version_support=True, code_description_support=True
            ),
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
                    )
                ),
                is_preferred_support=True,
            ),
        ),
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[KPI, "--lang", "en", "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(),
            initialization_options={"debounceMs": 0},
            root_uri=LHASA.as_uri(),
        )
    )
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[KPI, "--lang", "en", "lsp"]))
async def utf8_client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(["utf-8", "utf-16"]),
            initialization_options={"debounceMs": 0},
        )
    )
    assert result.capabilities.position_encoding == "utf-8"
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def lhasa(tmp_path):
    """A copy of the Lhasa filing, which the tests may edit."""
    to = tmp_path / "lhasa"
    shutil.copytree(LHASA, to)
    return to
