"""Fixtures for the audit package tests: one vault authority, one author, fresh facts."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from audit_facts import AUTHOR, PRINCIPAL, make_facts

from app.audit.authority import (
    Authority,
    UserIdentity,
    certificate_sha256,
    create_authority,
    issue_identity,
)


@pytest.fixture(scope="session")
def authority() -> Authority:
    return create_authority("Voile vault 3F9A1C")


@pytest.fixture(scope="session")
def identity(authority: Authority) -> UserIdentity:
    return issue_identity(authority, AUTHOR, PRINCIPAL)


@pytest.fixture
def facts(authority: Authority) -> dict[str, Any]:
    return copy.deepcopy(make_facts(root_sha256=certificate_sha256(authority.cert_pem)))
