"""The command line: flags become one Mode and Settings, then run, print, and exit."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import click

# changed, explain, interactive, patchsource, showconfig, stdin and verify_patch are imported
# where they are used: a report run needs none of them, and importing them is part of every
# run's start.
from gofix_bind import __version__, cache, completion, interrupt, output
from gofix_bind.address import parse_replacement
from gofix_bind.config import ConfigError
from gofix_bind.model import Mode
from gofix_bind.output.format import Context
from gofix_bind.output.text import changed_lines, diff_note, problems, summary_line
from gofix_bind.paths import shown as escape_names
from gofix_bind.report import ExitCode, Question, exit_code, summarize
from gofix_bind.resolve import Given, Resolver
from gofix_bind.runner import run, writable
from gofix_bind.settings import Settings
from gofix_bind.source_io import os_error_reason, write_report

# The progress bar appears only once a run has taken this long.
PROGRESS_AFTER_SECONDS = 0.5
# Terminal controls: erase the whole line, and show the cursor (which the bar hides).
CLEAR_LINE = "\x1b[2K"
SHOW_CURSOR = "\x1b[?25h"


def _forced(name: str) -> bool:
    """Tell whether a FORCE_COLOR-style variable is set on: non-empty and not "0"."""
    return os.environ.get(name, "0") not in ("", "0")


def _use_color(choice: str, to_file: bool) -> bool:
    """Decide colour: --color, then FORCE_COLOR / CLICOLOR_FORCE, NO_COLOR, TERM=dumb, a tty."""
    if choice == "always":
        return True
    if choice == "never" or to_file:
        return False
    # Forcing wins over NO_COLOR and TERM=dumb: it is how a CI log or a pager asks for colour.
    if _forced("FORCE_COLOR") or _forced("CLICOLOR_FORCE"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


def _mode(diff: bool, apply: bool) -> Mode:
    if diff and apply:
        raise click.UsageError("--diff and --apply cannot be used together")
    if diff:
        return Mode.DIFF
    return Mode.APPLY if apply else Mode.REPORT


def _question(
    list_files: bool, check: bool, mode: Mode, output_format: str | None, output_file: str | None
) -> str | None:
    """Return the format --list or --check prints (they are report modes of their own)."""
    asked = [flag for flag, given in (("--list", list_files), ("--check", check)) if given]
    if not asked:
        return None
    others = [f"--{mode.value}"] if mode is not Mode.REPORT else []
    others += ["--format"] if output_format is not None else []
    others += asked[1:]
    if check and output_file is not None:
        others.append("--output")
    if others:
        raise click.UsageError(f"{asked[0]} cannot be used with {others[0]}")
    return asked[0].removeprefix("--")


def _emit(data: bytes, output_file: str | None, err: bool = False) -> str | None:
    """Print the report on stdout (err: stderr), or write it whole to the --output file.

    Return what failed, or None.
    """
    if output_file is None:
        click.echo(data, nl=False, err=err)
        return None
    try:
        write_report(Path(output_file), data)
    except OSError as error:
        return f"cannot write {output_file}: {os_error_reason(Path(output_file), error)}"
    return None


def _reads_stdin(paths: tuple[str, ...], stdin_filename: str | None) -> bool:
    """Tell whether the source comes from standard input: `-` alone, or --stdin-filename alone."""
    if "-" in paths and len(paths) > 1:
        raise click.UsageError("- (standard input) cannot be given with other paths")
    if stdin_filename is not None and paths not in ((), ("-",)):
        raise click.UsageError("--stdin-filename names standard input: give - as the only path")
    return paths == ("-",) or stdin_filename is not None


def _read_stdin() -> bytes:
    """Return every byte of standard input (a source file, as an editor sends it)."""
    data: bytes = sys.stdin.buffer.read()
    return data


def _replacement(text: str, family: int, option: str) -> str:
    try:
        return parse_replacement(text, family)
    except ValueError as error:
        raise click.UsageError(f"{option}: {error}") from None


def _patterns(values: tuple[str, ...], given: bool = True) -> tuple[str, ...] | None:
    """Return the globs of a repeatable, comma-separated option; None when not given."""
    if not values and not given:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _flag(value: bool) -> bool | None:
    """Return True for a flag given, None for one left to the config file."""
    return True if value else None


def _resolver(
    address: str | None, ipv6_address: str | None, root: Path | None = None, **options: Any
) -> Resolver:
    """Build the run's resolver: addresses checked as usage errors, --config read now.

    Raises ConfigError for a bad config file or glob.
    """
    given = Given(
        address=None if address is None else _replacement(address, 4, "--address"),
        ipv6_address=(
            None if ipv6_address is None else _replacement(ipv6_address, 6, "--ipv6-address")
        ),
        **options,
    )
    return Resolver(given, Path.cwd(), root)


class _Progress:
    """A progress bar on stderr that appears only once a run has taken a while."""

    def __init__(self, stack: contextlib.ExitStack) -> None:
        """Start the clock; the bar joins stack when it first appears."""
        self._stack = stack
        self._started = time.monotonic()
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        """Show that done of total files are finished."""
        if self._bar is None:
            if time.monotonic() - self._started <= PROGRESS_AFTER_SECONDS:
                return
            self._bar = click.progressbar(length=total, label="scanning", file=sys.stderr)
            # Not entered as a context: leaving one prints the bar's last line for good.
            self._bar.__enter__()
            self._stack.callback(self._clear)
        self._bar.update(done - self._done)
        self._done = done

    def _clear(self) -> None:
        """Erase the bar's line and show the cursor again, so that no line is left behind."""
        click.echo(f"\r{CLEAR_LINE}{SHOW_CURSOR}", file=sys.stderr, nl=False)


def _review(
    arguments: list[str],
    run_settings: Settings,
    workers: int,
    shown: bool,
    colored: bool,
    exit_zero: bool,
    allow_dirty: bool,
) -> ExitCode:
    """Scan (the progress bar gone before the first question), then review at the terminal."""
    from gofix_bind import interactive

    with contextlib.ExitStack() as stack:
        progress = _Progress(stack) if shown else None
        scanned = interactive.scan(arguments, run_settings, workers, progress)
    return interactive.review(
        scanned, run_settings, colored, exit_zero=exit_zero, allow_dirty=allow_dirty
    )


def _did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    listed = options[0] if len(options) == 1 else f"{', '.join(options[:-1])} or {options[-1]}"
    return f" (did you mean {listed}?)"


# The errors a write to standard output ends in when its reader or its disk is gone.
OUTPUT_ERRORS = frozenset(
    {errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EBADF}
)


class _OutputError(Exception):
    """A write to standard output failed: carried past click, which would hide a closed pipe."""

    def __init__(self, error: OSError) -> None:
        """Hold the write's error."""
        super().__init__(str(error))
        self.error = error


def _working_directory_exists() -> bool:
    try:
        os.getcwd()
    except OSError:
        return False
    return True


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that its last flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _last_word(message: str) -> None:
    """Say on stderr why the run ends, if stderr can still be written."""
    with contextlib.suppress(OSError):
        click.echo(f"gofix-bind: error: {message}", err=True)


class _Command(click.Command):
    """A click command whose usage errors are one line on stderr and exit 2."""

    # Options other tools spell differently, and the one meant: `--fix` is `--apply` here.
    aliases: ClassVar[Mapping[str, str]] = {}

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; a usage error is one line on stderr (exit 2), never a traceback."""
        kwargs["standalone_mode"] = False
        kwargs.setdefault("complete_var", completion.COMPLETE_VAR)
        try:
            code = super().main(*args, **kwargs)
        except click.NoSuchOption as error:
            name = error.option_name
            meant = [self.aliases[name]] if name in self.aliases else error.possibilities or []
            click.echo(f"gofix-bind: error: no such option: {name}{_did_you_mean(meant)}", err=True)
            code = ExitCode.ERROR
        except click.UsageError as error:
            click.echo(f"gofix-bind: error: {error.format_message()}", err=True)
            code = ExitCode.ERROR
        except click.ClickException as error:
            error.show()
            code = ExitCode.ERROR
        except click.Abort:
            click.echo("Aborted!", err=True)
            code = ExitCode.INTERRUPTED
        except interrupt.Interrupted as stop:
            # No report: it would count findings in files the run never reached.
            with contextlib.suppress(OSError):
                click.echo(stop.message(), err=True)
            interrupt.exit_now(ExitCode.of_signal(stop.signum))
        except FileNotFoundError as error:
            # Every file the run touches reports its own errors; what is left is the working
            # directory itself, removed under the shell (cd dir; rm -rf ../dir).
            if _working_directory_exists():
                raise
            _last_word(f"cannot find the working directory: {os_error_reason(Path(), error)}")
            code = ExitCode.ERROR
        except (OSError, _OutputError) as caught:
            # Writes to files are reported where they happen; one that escapes is a write to
            # standard output (a full disk, a closed pipe).
            failure = caught.error if isinstance(caught, _OutputError) else caught
            if failure.errno not in OUTPUT_ERRORS:
                raise
            _silence_stdout()
            _last_word(f"cannot write standard output: {os_error_reason(Path(), failure)}")
            code = ExitCode.ERROR
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the callback; a closed standard output is left to main, not to click."""
        try:
            return super().invoke(ctx)
        except OSError as error:
            # click would exit 1 without a word, which reads as "findings" here.
            if error.errno == errno.EPIPE:
                raise _OutputError(error) from error
            raise


class _Main(_Command):
    """The scan itself, which answers the flags of ruff, black and gofmt with ours."""

    aliases: ClassVar[Mapping[str, str]] = {
        "--fix": "--apply",
        "--write": "--apply",
        "-w": "--apply",
        "-d": "--diff",
        "--dry-run": "--diff",
    }

    def invoke(self, ctx: click.Context) -> Any:
        """Run the scan; SIGINT and SIGTERM stop it between writes (see interrupt)."""
        if ctx.params.get("interactive_review"):
            # Questions at the terminal: Ctrl-C there is click's Abort, as for any prompt.
            return super().invoke(ctx)
        with interrupt.stopping():
            return super().invoke(ctx)


EPILOG = """\b
Examples:
  gofix-bind                      report findings under the current directory
  gofix-bind --diff ./... | less  review the fixes as a patch
  gofix-bind --apply .            write the safe fixes (commit work first)
  gofix-bind --check .            exit 1 if --apply would change a file
  gofix-bind --apply --stdin-filename main.go - < main.go
                                  print main.go fixed, for an editor
  gofix-bind explain do-not-bind-all-interfaces
  gofix-bind verify-patch fixes.patch

\b
Exit codes:
  0  nothing to report, nothing to change (or --exit-zero)
  1  a finding remains (report, --apply); --diff printed a diff;
     --list, --check: --apply would change a file
  2  a usage error, or a file that could not be read, parsed or written
  130  stopped by Ctrl-C (SIGINT), between two writes
  143  stopped by SIGTERM, between two writes

\b
Subcommands (first argument; write a path of that name ./NAME):
  explain [RULE]   print a rule's documentation
  verify-patch     prove a patch holds only gofix-bind's fixes

\b
Shell completion (bash; zsh_source and fish_source for those shells):
  eval "$(_GOFIX_BIND_COMPLETE=bash_source gofix-bind)"
"""


def _complete_paths(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Complete a path, or a subcommand's name as the first argument."""
    del ctx, param
    return completion.first_argument(SUBCOMMAND_NAMES, incomplete, os.environ)


@click.command(cls=_Main, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, type=click.Path(), shell_complete=_complete_paths)
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes; write nothing.")
@click.option("--apply", "apply", is_flag=True, help="Write the fixes into the files.")
@click.option(
    "-l",
    "--list",
    "list_files",
    is_flag=True,
    help="Print only the paths --apply would change; exit 1 if there are any.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Print nothing; exit 1 if and only if --apply would change a file.",
)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option(
    "--interactive",
    "interactive_review",
    is_flag=True,
    help="Ask about each fix at the terminal, as git add -p does, and write those accepted.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(output.choices()),
    default=None,
    help="Format of the report (report mode) or of the findings left (--apply).  [default: text]",
)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write the report (or --diff's patch) to this file, whole or not at all; the summary "
    "still goes to stderr.",
)
@click.option("--address", help="IPv4 address to bind.  [default: 127.0.0.1]")
@click.option("--ipv6-address", help="IPv6 address to bind.  [default: ::1]")
@click.option("--include-vendor", is_flag=True, help="Scan vendor/ directories too.")
@click.option("--include-generated", is_flag=True, help="Scan generated files too.")
@click.option(
    "--no-suppress",
    is_flag=True,
    help="Honour no suppression comment (for audits): suppressed findings are reported and fixed.",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Read this config file for every path, instead of each path's closest one.",
)
@click.option("--isolated", is_flag=True, help="Read no config file.")
@click.option(
    "--show-config",
    is_flag=True,
    help="Print each PATH's effective settings and where each comes from, then exit.",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOBS",
    help="Globs (comma-separated, repeatable) to leave out, replacing the default excludes.",
)
@click.option(
    "--extend-exclude",
    multiple=True,
    metavar="GLOBS",
    help="Globs (comma-separated, repeatable) to leave out besides the excludes.",
)
@click.option("--exclude-tests", is_flag=True, help="Leave out test files (*_test.go).")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the excludes to files named on the command line too.",
)
@click.option("--no-ignore", is_flag=True, help="Read no .gitignore file.")
@click.option(
    "--no-prefilter",
    is_flag=True,
    help="Parse every file, not only those whose bytes can hold a listener (slower; reports "
    "every syntax error).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes.  [default: all cores]",
)
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour diffs and text; auto honours NO_COLOR and colours terminals only.",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    default=None,
    help="Read the source from standard input (PATH -) as the file PATH; --apply prints the "
    "fixed source on stdout and writes nothing.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    default=None,
    help="Scan only what changed since the merge base of REF and HEAD (committed, staged, "
    "unstaged, untracked), and report only the findings that base does not have.",
)
@click.option(
    "--allow-dirty",
    is_flag=True,
    help="Let --apply write files with unstaged changes, or not tracked by git.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar=cache.NO_CACHE_ENV,
    help=f"Neither read nor write the result cache (also {cache.NO_CACHE_ENV}=1).",
)
@click.option(
    "--cache-dir",
    metavar="PATH",
    envvar=cache.DIRECTORY_ENV,
    help=f"Keep the result cache here (also {cache.DIRECTORY_ENV}).  "
    f"[default: {cache.DIRECTORY_NAME} at the git work tree's root, else in the current "
    "directory]",
)
@click.option(
    "--exit-zero",
    is_flag=True,
    help="Exit 0 where findings or changes would exit 1; errors still exit 2.",
)
@click.version_option(__version__, prog_name="gofix-bind")
def command(
    paths: tuple[str, ...],
    diff: bool,
    apply: bool,
    list_files: bool,
    check: bool,
    unsafe_fixes: bool,
    interactive_review: bool,
    output_format: str | None,
    output_file: str | None,
    address: str | None,
    ipv6_address: str | None,
    include_vendor: bool,
    include_generated: bool,
    no_suppress: bool,
    config_file: str | None,
    isolated: bool,
    show_config: bool,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    exclude_tests: bool,
    force_exclude: bool,
    no_ignore: bool,
    no_prefilter: bool,
    jobs: int | None,
    color: str,
    stdin_filename: str | None,
    changed_since: str | None,
    allow_dirty: bool,
    no_cache: bool,
    cache_dir: str | None,
    exit_zero: bool,
) -> int:
    """Find Go servers that listen on every network interface, and move them to loopback."""
    from_stdin = _reads_stdin(paths, stdin_filename)
    # For an editor, --apply on standard input always prints a whole file: the input itself
    # when anything goes wrong, usage errors in these options included.
    data = _read_stdin() if from_stdin and apply else None
    try:
        if from_stdin and interactive_review:
            raise click.UsageError("--interactive cannot be used with standard input")
        if from_stdin and changed_since is not None:
            raise click.UsageError("--changed-since cannot be used with standard input")
        if interactive_review:
            given = {
                "--diff": diff,
                "--apply": apply,
                "--list": list_files,
                "--check": check,
                "--format": output_format is not None,
                "--output": output_file is not None,
                "--changed-since": changed_since is not None,
            }
            from gofix_bind import interactive

            interactive.check_usage([option for option, on in given.items() if on])
        mode = _mode(diff, apply)
        question = _question(list_files, check, mode, output_format, output_file)
        try:
            chosen = output.for_mode(mode, question or output_format)
        except output.UnsupportedError as error:
            raise click.UsageError(str(error)) from None
        resolver = _resolver(
            address,
            ipv6_address,
            unsafe_fixes=_flag(unsafe_fixes),
            include_vendor=_flag(include_vendor),
            include_generated=_flag(include_generated),
            no_suppress=no_suppress,
            prefilter=not no_prefilter,
            config=None if config_file is None else Path(config_file),
            isolated=isolated,
            exclude=_patterns(exclude, given=bool(exclude)),
            extend_exclude=_patterns(extend_exclude) or (),
            exclude_tests=_flag(exclude_tests),
            force_exclude=_flag(force_exclude),
            no_ignore=no_ignore,
        )
        if show_config:
            from gofix_bind import showconfig

            click.echo(showconfig.render(list(paths) or ["."], resolver), nl=False)
            return int(ExitCode.CLEAN)
        run_settings = resolver.settings()
        colored = _use_color(color, to_file=output_file is not None)
        shown = sys.stderr.isatty() and not os.environ.get("CI") and chosen.name == "text"
        workers = jobs or os.cpu_count() or 1
        if interactive_review:
            return int(
                _review(
                    list(paths) or ["."],
                    run_settings,
                    workers,
                    shown,
                    colored,
                    exit_zero,
                    allow_dirty,
                )
            )
        if from_stdin:
            from gofix_bind import stdin

            source = _read_stdin() if data is None else data
            result = stdin.run(stdin_filename, source, mode, run_settings)
        elif changed_since is not None:
            from gofix_bind import changed

            arguments = list(paths) or ["."]
            with contextlib.ExitStack() as stack:
                progress = _Progress(stack) if shown else None
                try:
                    scanned = changed.run(
                        changed_since, arguments, mode, resolver, workers, progress, allow_dirty
                    )
                except changed.ChangedError as error:
                    raise click.UsageError(str(error)) from None
            for warning in scanned.warnings:
                click.echo(escape_names(f"gofix-bind: warning: {warning}"), err=True)
            result = scanned.run
            if question is not None:
                result = writable(result, arguments)
        else:
            with contextlib.ExitStack() as stack:
                progress = _Progress(stack) if shown else None
                arguments = list(paths) or ["."]
                # A text report shows findings and counts, never edits or bytes: its fixes are
                # planned, not verified (verify costs a second parse and pass per changed file).
                verified = not (mode is Mode.REPORT and chosen.name == "text" and question is None)
                kept = cache.open_cache(not no_cache, cache_dir, Path.cwd())
                result = run(
                    arguments,
                    mode,
                    run_settings,
                    workers,
                    progress,
                    allow_dirty,
                    verified=verified,
                    cache=kept,
                )
                if question is not None:
                    # They answer for --apply, which writes nothing outside the named trees.
                    result = writable(result, arguments)
    except click.UsageError:
        if data is not None:
            click.echo(data, nl=False)
        raise
    except ConfigError as error:
        if data is not None:
            click.echo(data, nl=False)
        click.echo(escape_names(f"gofix-bind: error: {error}"), err=True)
        return int(ExitCode.ERROR)
    summary = summarize(result, run_settings.policy)
    click.echo(problems(result.results), err=True, nl=False)
    report = chosen.render(result, Context(summary, run_settings, colored))
    if data is not None:
        # stdout is the file itself; the report goes to --output, else to stderr.
        unwritten = _emit(report, output_file, err=True)
        from gofix_bind import stdin

        click.echo(data if unwritten else stdin.output(result, data), nl=False)
    else:
        unwritten = _emit(report, output_file)
    if mode is Mode.DIFF:
        click.echo(diff_note(summary), err=True, nl=False)
    if mode is Mode.APPLY:
        click.echo(changed_lines(result.results), err=True, nl=False)
    click.echo(summary_line(summary, mode is Mode.APPLY), err=True, nl=False)
    if unwritten is not None:
        click.echo(escape_names(f"gofix-bind: error: {unwritten}"), err=True)
        return int(ExitCode.ERROR)
    return int(exit_code(summary, Question.of(mode, question is not None), exit_zero))


VERIFY_PATCH = "verify-patch"


@click.command(VERIFY_PATCH, cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("patch", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--git",
    "revisions",
    metavar="BASE..HEAD",
    help="Verify the diff between two commits; pre-images come from BASE.",
)
@click.option("--unsafe-fixes", is_flag=True, help="Accept fixes marked unsafe too.")
@click.option("--address", help="IPv4 address to bind.  [default: 127.0.0.1]")
@click.option("--ipv6-address", help="IPv6 address to bind.  [default: ::1]")
@click.option("--include-vendor", is_flag=True, help="Accept fixes in vendor/ directories.")
@click.option("--include-generated", is_flag=True, help="Accept fixes in generated files.")
@click.option("--no-suppress", is_flag=True, help="Accept fixes of suppressed findings too.")
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Read this config file for every path, instead of each path's closest one.",
)
@click.option("--isolated", is_flag=True, help="Read no config file.")
@click.option("--exclude", multiple=True, metavar="GLOBS", help="As for a scan.")
@click.option("--extend-exclude", multiple=True, metavar="GLOBS", help="As for a scan.")
@click.option("--exclude-tests", is_flag=True, help="As for a scan.")
def verify_patch_command(
    patch: str | None,
    revisions: str | None,
    unsafe_fixes: bool,
    address: str | None,
    ipv6_address: str | None,
    include_vendor: bool,
    include_generated: bool,
    no_suppress: bool,
    config_file: str | None,
    isolated: bool,
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    exclude_tests: bool,
) -> int:
    """Prove that PATCH (- for stdin) holds nothing but gofix-bind's fixes, or some of them.

    Problems go to stdout, one per line; exit 0 when the patch is pure, 1 when it is not, 2
    when it cannot be verified.
    """
    from gofix_bind import patchsource, verify_patch

    if (patch is None) == (revisions is None):
        raise click.UsageError("give either PATCH (- for standard input) or --git BASE..HEAD")
    options: dict[str, Any] = {
        "unsafe_fixes": _flag(unsafe_fixes),
        "include_vendor": _flag(include_vendor),
        "include_generated": _flag(include_generated),
        "no_suppress": no_suppress,
        "config": None if config_file is None else Path(config_file),
        "isolated": isolated,
        "exclude": _patterns(exclude, given=bool(exclude)),
        "extend_exclude": _patterns(extend_exclude) or (),
        "exclude_tests": _flag(exclude_tests),
    }
    try:
        # Checked before the patch is read: a bad option or config file is a usage error.
        _resolver(address, ipv6_address, **options)
        if revisions is not None:
            inputs = patchsource.from_git(revisions, Path.cwd())
        else:
            assert patch is not None
            inputs = patchsource.from_file(patch, Path.cwd(), sys.stdin.buffer)
        # The patch's paths start at its root: config files are looked up from there.
        run_settings = _resolver(address, ipv6_address, inputs.tree.root, **options).settings()
        verdict = verify_patch.verify(inputs.patch, inputs.tree, run_settings, inputs.empty)
    except (patchsource.InputError, ConfigError) as error:
        click.echo(escape_names(f"gofix-bind: error: {error}"), err=True)
        return int(ExitCode.ERROR)
    for problem in verdict.problems:
        click.echo(escape_names(problem.render()))
    for failed in verdict.errors:
        click.echo(escape_names(failed.render()), err=True)
    click.echo(escape_names(verdict.summary()), err=True, nl=False)
    return int(verdict.exit_code)


EXPLAIN = "explain"


def _rule_names(incomplete: str) -> list[str]:
    from gofix_bind import explain

    return explain.names(incomplete)


@click.command(EXPLAIN, cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument(
    "rule_name",
    metavar="RULE",
    required=False,
    shell_complete=lambda ctx, param, incomplete: _rule_names(incomplete),
)
def explain_command(rule_name: str | None) -> int:
    """Print the documentation of RULE (its id or its short name); without RULE, list the rules."""
    from gofix_bind import explain

    if rule_name is None:
        click.echo(explain.listing(), nl=False)
        return int(ExitCode.CLEAN)
    try:
        found = explain.find(rule_name)
    except explain.UnknownRuleError as error:
        click.echo(escape_names(f"gofix-bind: error: {error}"), err=True)
        return int(ExitCode.ERROR)
    click.echo(explain.render(found), nl=False)
    return int(ExitCode.CLEAN)


# Subcommands run only as the first argument: a path of such a name is written ./NAME.
SUBCOMMANDS: dict[str, click.Command] = {
    VERIFY_PATCH: verify_patch_command,
    EXPLAIN: explain_command,
}
SUBCOMMAND_NAMES = frozenset(SUBCOMMANDS)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (or a subcommand) and exit with its code."""
    args = sys.argv[1:] if argv is None else argv
    completing = completion.subcommand(SUBCOMMANDS, os.environ) if argv is None else None
    if completing is not None:
        # The completion script runs the program alone; the words are in the environment.
        SUBCOMMANDS[completing].main(args=[], prog_name="gofix-bind")
    name = args[0] if args else None
    if name in SUBCOMMANDS:
        SUBCOMMANDS[name].main(args=args[1:], prog_name=f"gofix-bind {name}")
    command.main(args=argv, prog_name="gofix-bind")
