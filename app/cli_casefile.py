"""Command line of the case file: users, consent, identities, review, release, retention.

``register`` adds the commands to the parser ``app.cli.build_parser`` builds.
Data goes to standard output; messages, prompts and notices to standard error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import os
import secrets
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.casefile.errors import CaseFileError, label
from app.errors import VaultError
from app.i18n import current_language, tr

VaultArgs = Callable[[argparse.ArgumentParser], None]
KEY_FILE_BYTES = 64


# ----------------------------------------------------------------------------- helpers

def _read_file_secret(path: str) -> str:
    from app.cli import read_secret_file

    return read_secret_file(path)


def _read_key_file(path: str | None) -> bytes | None:
    path = path or os.environ.get("VOILE_KEY_FILE") or None
    if path is None:
        return None
    try:
        return Path(path).read_bytes()
    except OSError:
        raise CaseFileError("cli.casefile.key_file_unreadable") from None


def _unlock(args: argparse.Namespace) -> Any:
    """Unlock the vault named on the command line, then report expired cases on stderr."""
    from app.casefile.retention import check_retention_at_unlock
    from app.cli import _read_password
    from app.vault import Vault

    vault = Vault.unlock(Path(args.vault), _read_password(args), args.user,
                         key_file=_read_key_file(getattr(args, "key_file", None)))
    try:
        notice = check_retention_at_unlock(vault)
    except BaseException:
        vault.close()
        raise
    for report in notice.purged:
        _say("cli.casefile.auto_purged", case=report.plan.pseudonym,
             objects=len(report.shredded))
    if notice.expired:
        _say("cli.casefile.expired_at_unlock", count=len(notice.expired),
             cases=", ".join(item.pseudonym for item in notice.expired))
    return vault


def _new_secret(file_arg: str | None, env: str, prompt_key: str) -> str:
    """Read a new password from a file, an environment variable, or twice from the prompt."""
    if file_arg:
        return _read_file_secret(file_arg)
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        raise VaultError("vault.password_missing")
    value = getpass.getpass(tr(prompt_key))
    if getpass.getpass(tr("cli.password_confirm")) != value:
        raise VaultError("vault.password_mismatch")
    return value


def _p12_password(args: argparse.Namespace, confirm: bool) -> str:
    if args.p12_password_file:
        return _read_file_secret(args.p12_password_file)
    value = os.environ.get("VOILE_P12_PASSWORD")
    if value:
        return value
    if not sys.stdin.isatty():
        raise CaseFileError("cli.casefile.p12_password_missing")
    value = getpass.getpass(tr("cli.casefile.p12_password_prompt"))
    if confirm and getpass.getpass(tr("cli.password_confirm")) != value:
        raise VaultError("vault.password_mismatch")
    return value


def _confirm(args: argparse.Namespace) -> None:
    """Return when the user confirmed (``--yes`` or an answer at the prompt); raise otherwise."""
    if args.yes:
        return
    if not sys.stdin.isatty():
        raise CaseFileError("cli.casefile.confirmation_required")
    print(tr("cli.casefile.confirm_prompt"), end="", file=sys.stderr, flush=True)
    answer = sys.stdin.readline().strip().casefold()
    if answer not in ("yes", "y", "oui", "o"):
        raise CaseFileError("cli.casefile.not_confirmed")


def _say(key: str, **params: object) -> None:
    print(tr(key, **params), file=sys.stderr)


def _write_new(path: Path, data: bytes) -> None:
    """Write a new file; an existing file is never overwritten."""
    try:
        with open(path, "xb") as handle:
            handle.write(data)
    except FileExistsError:
        raise CaseFileError("cli.casefile.out_exists") from None
    except OSError:
        raise CaseFileError("cli.casefile.out_unwritable") from None


def _date(text: str | None, what: str) -> dt.date | None:
    from app.casefile.consent import parse_date

    return parse_date(text, what) if text else None


# ----------------------------------------------------------------------------- users

def cmd_user_list(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        for account in vault.user_accounts():
            flags = [tr(f"cli.casefile.role.{account.role}")]
            if account.identity_access:
                flags.append(tr("cli.casefile.flag.identity_access"))
            if account.key_file:
                flags.append(tr("cli.casefile.flag.key_file"))
            if not account.active:
                flags.append(tr("cli.casefile.flag.removed", date=account.removed_at))
            print(f"{account.id}  {account.name}  {', '.join(flags)}")
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        password = _new_secret(args.new_password_file, "VOILE_NEW_PASSWORD",
                               "cli.new_password_prompt")
        key_file = _read_key_file(args.new_key_file) if args.new_key_file else None
        user = vault.add_user(args.name, password, args.role, key_file=key_file,
                              identity_access=args.identity_access)
        print(user.id)
    return 0


def cmd_user_remove(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        _say("cli.casefile.remove_user_plan", user=args.target)
        _confirm(args)
        vault.remove_user(args.target)
        _say("cli.casefile.user_removed")
    return 0


def cmd_user_role(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        vault.set_user_role(args.target, args.role)
    return 0


def cmd_user_identity_access(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        vault.set_identity_access(args.target, args.grant)
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        password = _new_secret(args.new_password_file, "VOILE_NEW_PASSWORD",
                               "cli.new_password_prompt")
        key_file = _read_key_file(args.new_key_file) if args.new_key_file else None
        vault.change_password(password, key_file)
        _say("cli.casefile.password_changed")
    return 0


def cmd_key_file_new(args: argparse.Namespace) -> int:
    _write_new(Path(args.file), secrets.token_bytes(KEY_FILE_BYTES))
    _say("cli.casefile.key_file_created", size=KEY_FILE_BYTES)
    return 0


# ----------------------------------------------------------------------------- consent

def _print_consent(vault: Any, case_id: str) -> None:
    from app.casefile.consent import case_expiry, load_consent

    consent = load_consent(vault, case_id)
    case = vault.case(case_id)
    yes, no = tr("cli.casefile.yes"), tr("cli.casefile.no")
    rows = [
        ("case", f"{case.pseudonym} ({case.id})"),
        ("status", label("status", consent.status)),
        ("signed_on", consent.signed_on or "—"),
        ("purposes", ", ".join(label("purpose", code) for code in consent.purposes) or "—"),
        ("channels", ", ".join(label("channel", code) for code in consent.channels) or "—"),
        ("retention", str(consent.retention_months or tr("cli.casefile.default"))),
        ("expires_on", case_expiry(vault, case_id, consent).isoformat()),
        ("controller", consent.controller or tr("cli.casefile.default")),
        ("transfers", (yes if consent.transfers_outside_eu else no)
         + (f" ({consent.transfer_details})" if consent.transfer_details else "")),
        ("special", ", ".join(label("special_case", code) for code in consent.special_cases)
         or "—"),
        ("contact", consent.contact or tr("cli.casefile.default")),
        ("scan", yes if consent.scan_object_id else no),
        ("withdrawn_on", consent.withdrawn_on or "—"),
        ("revision", str(consent.revision)),
    ]
    for name, value in rows:
        print(f"{tr('cli.casefile.consent_field.' + name)}: {value}")


def cmd_consent_show(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        _print_consent(vault, vault.case(args.case).id)
    return 0


def cmd_consent_set(args: argparse.Namespace) -> int:
    from app.casefile.consent import default_consent, load_consent, save_consent

    with _unlock(args) as vault:
        case = vault.case(args.case)
        consent = load_consent(vault, case.id)
        if args.special is not None and consent.revision == 0:
            # A first record takes the stricter defaults of its special cases.
            consent = default_consent(case.id, args.special)
        if args.status == "given" and consent.status != "given" and \
                (args.purposes is None or args.channels is None):
            # The proposed defaults must not become the patient's answer by omission.
            raise CaseFileError("cli.casefile.scope_required")
        changes: dict[str, Any] = {}
        for name in ("status", "contact", "controller", "transfer_details"):
            if getattr(args, name) is not None:
                changes[name] = getattr(args, name)
        if args.signed_on is not None:
            changes["signed_on"] = args.signed_on
        for name in ("purposes", "channels"):
            if getattr(args, name) is not None:
                changes[name] = getattr(args, name)
        if args.special is not None:
            changes["special_cases"] = args.special
        if args.retention_months is not None:
            changes["retention_months"] = args.retention_months
        if args.transfers_outside_eu is not None:
            changes["transfers_outside_eu"] = args.transfers_outside_eu == "yes"
        save_consent(vault, replace(consent, **changes))
        _print_consent(vault, case.id)
    return 0


def cmd_consent_scan(args: argparse.Namespace) -> int:
    from app.casefile.consent import attach_scan

    with _unlock(args) as vault:
        attach_scan(vault, vault.case(args.case).id, Path(args.file))
        _say("cli.casefile.scan_stored")
    return 0


def cmd_consent_form(args: argparse.Namespace) -> int:
    from app.casefile.forms import render_consent_form

    with _unlock(args) as vault:
        pdf = render_consent_form(vault, vault.case(args.case).id, current_language(),
                                  with_identity=args.with_identity)
        _write_new(Path(args.out), pdf)
    return 0


def cmd_consent_check(args: argparse.Namespace) -> int:
    from app.casefile.consent import check_export_allowed

    with _unlock(args) as vault:
        warnings = check_export_allowed(vault, vault.case(args.case).id, args.purpose,
                                        args.channel)
        for warning in warnings:
            _say("cli.casefile.warning", text=warning.message())
        print(tr("cli.casefile.export_allowed"))
    return 0


# ----------------------------------------------------------------------------- identity

def cmd_identity_set(args: argparse.Namespace) -> int:
    from app.casefile.identity import PatientIdentity, set_identity

    with _unlock(args) as vault:
        identity = PatientIdentity(last_name=args.last_name, first_name=args.first_name,
                                   birth_date=args.birth_date, ipp=args.ipp or "")
        set_identity(vault, vault.case(args.case).id, identity)
    return 0


def cmd_identity_show(args: argparse.Namespace) -> int:
    from app.casefile.identity import read_identity

    with _unlock(args) as vault:
        identity = read_identity(vault, vault.case(args.case).id)
        if identity is None:
            _say("cli.casefile.no_identity")
            return 1
        print(f"{identity.last_name}\t{identity.first_name}\t{identity.birth_date}\t{identity.ipp}")
    return 0


def cmd_identity_find(args: argparse.Namespace) -> int:
    from app.casefile.identity import find_case_by_identity

    with _unlock(args) as vault:
        matches = find_case_by_identity(vault, last_name=args.last_name,
                                        first_name=args.first_name, birth_date=args.birth_date,
                                        ipp=args.ipp)
        for case_id in matches:
            case = vault.case(case_id)
            print(f"{case.pseudonym}  {case.id}  {case.status}")
        if not matches:
            _say("cli.casefile.no_match")
            return 1
    return 0


# ----------------------------------------------------------------------------- review, release

def cmd_review_issue(args: argparse.Namespace) -> int:
    from app.casefile.review import issue_reviewer_certificate

    with _unlock(args) as vault:
        password = _p12_password(args, confirm=True)
        data = issue_reviewer_certificate(vault, args.name, password)
        _write_new(Path(args.out), data)
        _say("cli.casefile.certificate_issued")
    return 0


def cmd_review_approve(args: argparse.Namespace) -> int:
    from app.casefile.review import approve_export

    try:
        p12 = Path(args.p12).read_bytes()
    except OSError:
        raise CaseFileError("review.p12_unreadable") from None
    approval = approve_export(Path(args.directory), p12, _p12_password(args, confirm=False),
                              args.name)
    for check in approval.report.checks:
        print(f"[{'OK' if check.ok else 'FAIL'}] {check.name}: {check.detail}")
    _say("cli.casefile.approved", reviewer=approval.reviewer)
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from app.casefile.review import release_export

    with _unlock(args) as vault:
        result = release_export(vault, Path(args.directory), args.purpose, args.channel,
                                args.name)
        for warning in result.warnings:
            _say("cli.casefile.warning", text=warning.message())
        release = result.release
        print(release.id)
        _say("cli.casefile.released", channel=label("channel", release.channel),
             sha256=release.export_sha256[:16], reviewer=release.reviewer)
    return 0


# ----------------------------------------------------------------------------- retention

def _print_plan(plan: Any) -> None:
    _say(f"cli.casefile.plan.{plan.reason}", case=plan.pseudonym, objects=len(plan.objects))
    if plan.releases:
        _say("cli.casefile.releases_header", count=len(plan.releases))
    for release in plan.releases:
        print(f"{release.released_at}\t{release.channel}\t{release.export_sha256}\t"
              f"{release.file_name}")
    if plan.deletes_identity:
        _say("cli.casefile.plan.identity")


def cmd_withdraw(args: argparse.Namespace) -> int:
    from app.casefile.retention import plan_withdrawal, withdraw_consent

    with _unlock(args) as vault:
        case = vault.case(args.case)
        _print_plan(plan_withdrawal(vault, case.id))
        _confirm(args)
        report = withdraw_consent(vault, case.id, _date(args.date, "date"))
        _say("cli.casefile.withdrawn", case=case.pseudonym, objects=len(report.shredded),
             releases=len(report.plan.releases))
    return 0


def cmd_retention_list(args: argparse.Namespace) -> int:
    from app.casefile.consent import today_utc
    from app.casefile.retention import retention_overview

    today = today_utc()
    with _unlock(args) as vault:
        for item in retention_overview(vault):
            if args.expired and not item.expired(today):
                continue
            state = tr("cli.casefile.expired") if item.expired(today) else ""
            print(f"{item.pseudonym}  {item.case_id}  {item.status}  "
                  f"{label('status', item.consent_status)}  {item.expires_on.isoformat()}  {state}"
                  .rstrip())
    return 0


def cmd_retention_purge(args: argparse.Namespace) -> int:
    from app.casefile.retention import expired_cases, plan_purge, purge_case

    with _unlock(args) as vault:
        if args.cases:
            targets = [(vault.case(reference).id, "manual") for reference in args.cases]
        else:
            targets = [(item.case_id, "expiry") for item in expired_cases(vault)]
        if not targets:
            _say("cli.casefile.nothing_to_purge")
            return 0
        for case_id, reason in targets:
            _print_plan(plan_purge(vault, case_id, reason))
        _confirm(args)
        for case_id, reason in targets:
            report = purge_case(vault, case_id, reason)
            _say("cli.casefile.purged", case=report.plan.pseudonym, objects=len(report.shredded))
    return 0


def cmd_retention_expiry(args: argparse.Namespace) -> int:
    from app.casefile.retention import set_case_expiry

    with _unlock(args) as vault:
        set_case_expiry(vault, vault.case(args.case).id,
                        None if args.date == "computed" else _date(args.date, "date"))
    return 0


# ----------------------------------------------------------------------------- settings, journal

def cmd_settings_show(args: argparse.Namespace) -> int:
    import json

    from app.casefile.settings import all_settings

    with _unlock(args) as vault:
        for key, value in all_settings(vault).items():
            print(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    from app.casefile.settings import parse_setting, set_setting

    with _unlock(args) as vault:
        set_setting(vault, args.key, parse_setting(args.key, args.values))
    return 0


def cmd_settings_unset(args: argparse.Namespace) -> int:
    from app.casefile.settings import set_setting

    with _unlock(args) as vault:
        set_setting(vault, args.key, None)
    return 0


def cmd_registry(args: argparse.Namespace) -> int:
    from app.casefile.registry import render_registry

    with _unlock(args) as vault:
        _write_new(Path(args.out), render_registry(vault, current_language()))
    return 0


def cmd_journal(args: argparse.Namespace) -> int:
    """Write the journal as CSV (to ``--out`` or standard output); exit 3 if its chain breaks."""
    with _unlock(args) as vault:
        broken = vault.verify_journal()
        entries = vault.journal_entries()
        names = ["seq", "at", "user_id", "action", "subject", "detail"]
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(names)
        for entry in entries:
            writer.writerow([entry[name] for name in names])
        if args.out:
            _write_new(Path(args.out), text.getvalue().encode("utf-8"))
        else:
            sys.stdout.write(text.getvalue())
        if broken is not None:
            print(tr("cli.journal_broken", seq=broken), file=sys.stderr)
            return 3
        if args.out:
            _say("cli.casefile.journal_written", count=len(entries))
    return 0


# ----------------------------------------------------------------------------- parser

def register(subparsers: Any, vault_args: VaultArgs) -> None:
    """Add the case file commands to ``voile``'s subparsers.

    ``vault_args`` adds VAULT, ``--user``, ``--password-file`` and ``--key-file``.
    The existing ``journal`` command gains ``--out`` and this module's handler.
    """
    unlocked = vault_args

    def confirmable(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--yes", action="store_true", help=tr("cli.casefile.help.yes"))

    _register_users(subparsers, unlocked, confirmable)
    _register_consent(subparsers, unlocked)
    _register_identity(subparsers, unlocked)
    _register_review(subparsers, unlocked)
    _register_retention(subparsers, unlocked, confirmable)
    _register_settings(subparsers, unlocked)

    journal = subparsers.choices.get("journal")
    if journal is not None:
        journal.add_argument("--out", metavar="FILE", help=tr("cli.casefile.help.journal_out"))
        journal.set_defaults(handler=cmd_journal)


def _register_users(subparsers: Any, unlocked: VaultArgs, confirmable: VaultArgs) -> None:
    from app.casefile.vocabulary import ROLES

    user = subparsers.add_parser("user", help=tr("cli.casefile.help.user"))
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help=tr("cli.casefile.help.user_list"))
    unlocked(listing)
    listing.set_defaults(handler=cmd_user_list)

    add = actions.add_parser("add", help=tr("cli.casefile.help.user_add"))
    unlocked(add)
    add.add_argument("--name", required=True, help=tr("cli.help.new_user"))
    add.add_argument("--role", default="surgeon", choices=ROLES, help=tr("cli.help.role"))
    add.add_argument("--identity-access", action="store_true",
                     help=tr("cli.casefile.help.identity_access"))
    add.add_argument("--new-password-file", help=tr("cli.help.new_password_file"))
    add.add_argument("--new-key-file", help=tr("cli.casefile.help.new_key_file"))
    add.set_defaults(handler=cmd_user_add)

    remove = actions.add_parser("remove", help=tr("cli.casefile.help.user_remove"))
    unlocked(remove)
    remove.add_argument("target", metavar="USER", help=tr("cli.casefile.help.target_user"))
    confirmable(remove)
    remove.set_defaults(handler=cmd_user_remove)

    role = actions.add_parser("role", help=tr("cli.casefile.help.user_role"))
    unlocked(role)
    role.add_argument("target", metavar="USER", help=tr("cli.casefile.help.target_user"))
    role.add_argument("role", choices=ROLES, help=tr("cli.help.role"))
    role.set_defaults(handler=cmd_user_role)

    access = actions.add_parser("identity-access", help=tr("cli.casefile.help.user_access"))
    unlocked(access)
    access.add_argument("target", metavar="USER", help=tr("cli.casefile.help.target_user"))
    choice = access.add_mutually_exclusive_group(required=True)
    choice.add_argument("--grant", dest="grant", action="store_true",
                        help=tr("cli.casefile.help.grant"))
    choice.add_argument("--revoke", dest="grant", action="store_false",
                        help=tr("cli.casefile.help.revoke"))
    access.set_defaults(handler=cmd_user_identity_access)

    passwd = actions.add_parser("passwd", help=tr("cli.casefile.help.user_passwd"))
    unlocked(passwd)
    passwd.add_argument("--new-password-file", help=tr("cli.help.new_password_file"))
    passwd.add_argument("--new-key-file", help=tr("cli.casefile.help.new_key_file"))
    passwd.set_defaults(handler=cmd_user_passwd)

    key_file = actions.add_parser("new-key-file", help=tr("cli.casefile.help.new_key_file_cmd"))
    key_file.add_argument("file", metavar="FILE", help=tr("cli.casefile.help.key_file_out"))
    key_file.set_defaults(handler=cmd_key_file_new)


def _register_consent(subparsers: Any, unlocked: VaultArgs) -> None:
    from app.casefile.vocabulary import CHANNELS, PURPOSES, SPECIAL_CASES, STATUSES

    consent = subparsers.add_parser("consent", help=tr("cli.casefile.help.consent"))
    actions = consent.add_subparsers(dest="consent_command", metavar="ACTION", required=True)

    def with_case(name: str, help_key: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = actions.add_parser(name, help=tr(help_key))
        unlocked(parser)
        parser.add_argument("case", metavar="CASE", help=tr("cli.casefile.help.case"))
        return parser

    with_case("show", "cli.casefile.help.consent_show").set_defaults(handler=cmd_consent_show)

    edit = with_case("set", "cli.casefile.help.consent_set")
    edit.add_argument("--status", choices=[s for s in STATUSES if s != "withdrawn"],
                      help=tr("cli.casefile.help.status"))
    edit.add_argument("--signed-on", metavar="YYYY-MM-DD", help=tr("cli.casefile.help.signed_on"))
    edit.add_argument("--purpose", dest="purposes", action="append", choices=PURPOSES,
                      help=tr("cli.casefile.help.purposes"))
    edit.add_argument("--channel", dest="channels", action="append", choices=CHANNELS,
                      help=tr("cli.casefile.help.channels"))
    edit.add_argument("--special", action="append", choices=SPECIAL_CASES,
                      help=tr("cli.casefile.help.special"))
    edit.add_argument("--retention-months", type=int, metavar="MONTHS",
                      help=tr("cli.casefile.help.retention_months"))
    edit.add_argument("--controller", help=tr("cli.casefile.help.controller"))
    edit.add_argument("--transfers-outside-eu", choices=["yes", "no"],
                      help=tr("cli.casefile.help.transfers"))
    edit.add_argument("--transfer-details", help=tr("cli.casefile.help.transfer_details"))
    edit.add_argument("--contact", help=tr("cli.casefile.help.contact"))
    edit.set_defaults(handler=cmd_consent_set)

    scan = with_case("scan", "cli.casefile.help.consent_scan")
    scan.add_argument("file", metavar="FILE", help=tr("cli.casefile.help.scan_file"))
    scan.set_defaults(handler=cmd_consent_scan)

    form = with_case("form", "cli.casefile.help.consent_form")
    form.add_argument("--out", required=True, metavar="FILE.pdf",
                      help=tr("cli.casefile.help.pdf_out"))
    form.add_argument("--with-identity", action="store_true",
                      help=tr("cli.casefile.help.with_identity"))
    form.set_defaults(handler=cmd_consent_form)

    check = with_case("check", "cli.casefile.help.consent_check")
    check.add_argument("--purpose", required=True, help=tr("cli.casefile.help.purpose"))
    check.add_argument("--channel", required=True, help=tr("cli.casefile.help.channel"))
    check.set_defaults(handler=cmd_consent_check)


def _register_identity(subparsers: Any, unlocked: VaultArgs) -> None:
    identity = subparsers.add_parser("identity", help=tr("cli.casefile.help.identity"))
    actions = identity.add_subparsers(dest="identity_command", metavar="ACTION", required=True)

    edit = actions.add_parser("set", help=tr("cli.casefile.help.identity_set"))
    unlocked(edit)
    edit.add_argument("case", metavar="CASE", help=tr("cli.casefile.help.case"))
    edit.add_argument("--last-name", required=True, help=tr("cli.casefile.help.last_name"))
    edit.add_argument("--first-name", required=True, help=tr("cli.casefile.help.first_name"))
    edit.add_argument("--birth-date", required=True, metavar="YYYY-MM-DD",
                      help=tr("cli.casefile.help.birth_date"))
    edit.add_argument("--ipp", help=tr("cli.casefile.help.ipp"))
    edit.set_defaults(handler=cmd_identity_set)

    show = actions.add_parser("show", help=tr("cli.casefile.help.identity_show"))
    unlocked(show)
    show.add_argument("case", metavar="CASE", help=tr("cli.casefile.help.case"))
    show.set_defaults(handler=cmd_identity_show)

    find = actions.add_parser("find", help=tr("cli.casefile.help.identity_find"))
    unlocked(find)
    find.add_argument("--last-name", help=tr("cli.casefile.help.last_name"))
    find.add_argument("--first-name", help=tr("cli.casefile.help.first_name"))
    find.add_argument("--birth-date", metavar="YYYY-MM-DD", help=tr("cli.casefile.help.birth_date"))
    find.add_argument("--ipp", help=tr("cli.casefile.help.ipp"))
    find.set_defaults(handler=cmd_identity_find)


def _register_review(subparsers: Any, unlocked: VaultArgs) -> None:
    from app.casefile.vocabulary import CHANNELS, PURPOSES

    review = subparsers.add_parser("review", help=tr("cli.casefile.help.review"))
    actions = review.add_subparsers(dest="review_command", metavar="ACTION", required=True)

    issue = actions.add_parser("issue-certificate", help=tr("cli.casefile.help.issue"))
    unlocked(issue)
    issue.add_argument("--name", required=True, help=tr("cli.casefile.help.reviewer_name"))
    issue.add_argument("--out", required=True, metavar="FILE.p12",
                       help=tr("cli.casefile.help.p12_out"))
    issue.add_argument("--p12-password-file", help=tr("cli.casefile.help.p12_password_file"))
    issue.set_defaults(handler=cmd_review_issue)

    approve = actions.add_parser("approve", help=tr("cli.casefile.help.approve"))
    approve.add_argument("directory", metavar="DIR", help=tr("cli.help.verify_dir"))
    approve.add_argument("--p12", required=True, metavar="FILE.p12",
                         help=tr("cli.casefile.help.p12"))
    approve.add_argument("--p12-password-file", help=tr("cli.casefile.help.p12_password_file"))
    approve.add_argument("--name", help=tr("cli.help.verify_name"))
    approve.set_defaults(handler=cmd_review_approve)

    release = subparsers.add_parser("release", help=tr("cli.casefile.help.release"))
    unlocked(release)
    release.add_argument("directory", metavar="DIR", help=tr("cli.help.verify_dir"))
    release.add_argument("--channel", required=True, choices=CHANNELS,
                         help=tr("cli.casefile.help.channel"))
    release.add_argument("--purpose", required=True, choices=PURPOSES,
                         help=tr("cli.casefile.help.purpose"))
    release.add_argument("--name", help=tr("cli.help.verify_name"))
    release.set_defaults(handler=cmd_release)


def _register_retention(subparsers: Any, unlocked: VaultArgs, confirmable: VaultArgs) -> None:
    withdraw = subparsers.add_parser("withdraw", help=tr("cli.casefile.help.withdraw"))
    unlocked(withdraw)
    withdraw.add_argument("case", metavar="CASE", help=tr("cli.casefile.help.case"))
    withdraw.add_argument("--date", metavar="YYYY-MM-DD",
                          help=tr("cli.casefile.help.withdraw_date"))
    confirmable(withdraw)
    withdraw.set_defaults(handler=cmd_withdraw)

    retention = subparsers.add_parser("retention", help=tr("cli.casefile.help.retention"))
    actions = retention.add_subparsers(dest="retention_command", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help=tr("cli.casefile.help.retention_list"))
    unlocked(listing)
    listing.add_argument("--expired", action="store_true", help=tr("cli.casefile.help.expired"))
    listing.set_defaults(handler=cmd_retention_list)

    purge = actions.add_parser("purge", help=tr("cli.casefile.help.purge"))
    unlocked(purge)
    purge.add_argument("--case", dest="cases", metavar="CASE", action="append",
                       help=tr("cli.casefile.help.purge_cases"))
    confirmable(purge)
    purge.set_defaults(handler=cmd_retention_purge)

    expiry = actions.add_parser("set-expiry", help=tr("cli.casefile.help.set_expiry"))
    unlocked(expiry)
    expiry.add_argument("case", metavar="CASE", help=tr("cli.casefile.help.case"))
    expiry.add_argument("date", metavar="YYYY-MM-DD|computed",
                        help=tr("cli.casefile.help.expiry_date"))
    expiry.set_defaults(handler=cmd_retention_expiry)


def _register_settings(subparsers: Any, unlocked: VaultArgs) -> None:
    from app.casefile.settings import SETTINGS

    settings = subparsers.add_parser("settings", help=tr("cli.casefile.help.settings"))
    actions = settings.add_subparsers(dest="settings_command", metavar="ACTION", required=True)

    show = actions.add_parser("show", help=tr("cli.casefile.help.settings_show"))
    unlocked(show)
    show.set_defaults(handler=cmd_settings_show)

    edit = actions.add_parser("set", help=tr("cli.casefile.help.settings_set"))
    unlocked(edit)
    edit.add_argument("key", choices=list(SETTINGS), metavar="KEY",
                      help=tr("cli.casefile.help.settings_key"))
    edit.add_argument("values", metavar="VALUE", nargs="+",
                      help=tr("cli.casefile.help.settings_values"))
    edit.set_defaults(handler=cmd_settings_set)

    unset = actions.add_parser("unset", help=tr("cli.casefile.help.settings_unset"))
    unlocked(unset)
    unset.add_argument("key", choices=list(SETTINGS), metavar="KEY",
                       help=tr("cli.casefile.help.settings_key"))
    unset.set_defaults(handler=cmd_settings_unset)

    registry = subparsers.add_parser("registry", help=tr("cli.casefile.help.registry"))
    unlocked(registry)
    registry.add_argument("--out", required=True, metavar="FILE.pdf",
                          help=tr("cli.casefile.help.pdf_out"))
    registry.set_defaults(handler=cmd_registry)
