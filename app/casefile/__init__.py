"""The case file: consent, correspondence table, review and release, withdrawal and retention.

Engine only (no Qt); the command line is ``app.cli_casefile`` and the editor
calls the same functions. Modules:

- ``consent``: consent records and ``check_export_allowed``, the rule exports follow;
- ``identity``: the encrypted correspondence table (pseudonym to patient);
- ``review``: reviewer certificates, offline approval, and release of an export;
- ``retention``: withdrawal, case expiry and purges by crypto-shredding;
- ``forms`` and ``registry``: the consent form and the record of processing (PDF);
- ``settings``: the vault settings these use.

Nothing is re-exported here, so importing a light module (``vocabulary``,
``errors``) does not load the PDF and signature libraries.
"""
