from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.saml.idp import Federation, build_federation


def require_xmlsec1() -> None:
    if shutil.which("xmlsec1") is None:
        if os.environ.get("RODLOEBER_REQUIRE_XMLSEC1") == "1":
            pytest.fail("xmlsec1 is required (apt-get install xmlsec1) but was not found.")
        pytest.skip("xmlsec1 not installed: apt-get install xmlsec1 to run the SAML tests.")


@pytest.fixture(scope="session")
def federation(tmp_path_factory: pytest.TempPathFactory) -> Federation:
    require_xmlsec1()
    folder: Path = tmp_path_factory.mktemp("saml")
    return build_federation(folder, "http://testserver", "http://idp.test")


@pytest.fixture
def saml_on(settings: Any, federation: Federation) -> Federation:
    settings.RODLOEBER_SAML = dict(federation.sp_settings)
    return federation
