"""Ports that container files publish, read from each kind of file, and what they cover."""

from __future__ import annotations

from pathlib import Path

import pytest

from gofix_bind import containers
from gofix_bind.containers import listener_port, published


@pytest.fixture(autouse=True)
def _fresh_index() -> None:
    containers.forget()


@pytest.mark.parametrize(
    ("address", "port"),
    [
        (":8080", 8080),
        ("0.0.0.0:443", 443),
        ("[::]:53", 53),
        ("0.0.0.0:{strconv.Itoa(port)}", None),
        (":0", False),
        ("0.0.0.0", False),
        ("::", False),
        ("[::]", False),
        (":", False),
    ],
)
def test_listener_port(address: str, port: int | bool | None) -> None:
    assert listener_port(address) == port


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_dockerfile_expose_forms_and_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _tree(
        tmp_path,
        {
            "svc/Dockerfile": "FROM x\nexpose 80 \\\n  9000-9010/tcp \\\n  53/udp\n",
            "svc/main.go": "",
            "svc/sub/main.go": "",
            "other/main.go": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    found = published("svc/sub/main.go", ":9005", "tcp")
    assert found is not None and found.line == 2 and found.says == "EXPOSE 9000-9010/tcp"
    assert published("svc/main.go", ":80", "tcp") is not None
    assert published("svc/main.go", ":53", "tcp") is None
    assert published("svc/main.go", ":53", "udp") is not None
    assert published("svc/main.go", ":8080", "tcp") is None
    assert published("other/main.go", ":80", "tcp") is None


def test_compose_ports_expose_and_build_contexts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(
        tmp_path,
        {
            "deploy/docker-compose.yml": (
                "services:\n"
                "  app:\n"
                "    build:\n"
                "      context: ..\n"
                "    ports:\n"
                "      - 8080\n"
                "      - '${HTTP_PORT}:${HTTP_PORT}'\n"
                "  broken: [\n"
            ),
            "main.go": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    # A file that is not YAML publishes nothing, and is no error.
    assert published("main.go", ":8080", "tcp") is None
    (tmp_path / "deploy/docker-compose.yml").write_text(
        "services:\n"
        "  app:\n"
        "    build:\n"
        "      context: ..\n"
        "    ports:\n"
        "      - 8080\n"
        "      - '${HTTP_PORT}:${HTTP_PORT}'\n"
    )
    containers._publications.cache_clear()
    found = published("main.go", ":8080", "tcp")
    assert found is not None and found.line == 6
    # A variable port matches any port.
    variable = published("main.go", ":1234", "tcp")
    assert variable is not None and variable.line == 7


def test_manifests_and_fly_cover_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(
        tmp_path,
        {
            "k8s/pod.yml": "spec:\n  containers:\n  - ports:\n    - containerPort: 8443 # tls\n",
            "fly.toml": "# internal_port = 9999\n[[services]]\n  internal_port = 3000\n",
            "vendor/x/pod.yaml": "containerPort: 7777\n",
            "golden/case/input/pod.yaml": "containerPort: 7777\n",
            "test/fixtures/fly.toml": "internal_port = 7777\n",
            "a/b/c/main.go": "",
        },
    )
    monkeypatch.chdir(tmp_path)
    found = published("a/b/c/main.go", ":8443", "tcp")
    assert found is not None and found.says == "containerPort: 8443"
    fly = published("a/b/c/main.go", ":3000", "tcp")
    assert fly is not None and fly.line == 3
    # A commented line, a vendored manifest and test fixtures publish nothing.
    assert published("a/b/c/main.go", ":9999", "tcp") is None
    assert published("a/b/c/main.go", ":7777", "tcp") is None


def test_a_git_repository_is_searched_from_its_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import commit_all

    _tree(tmp_path, {"deploy/pod.yaml": "containerPort: 8080\n", "cmd/app/main.go": ""})
    commit_all(tmp_path)
    monkeypatch.chdir(tmp_path / "cmd")
    assert published("app/main.go", ":8080", "tcp") is not None


def test_outside_git_the_walk_sees_the_container_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.helpers import LISTEN, invoke

    _tree(tmp_path, {"svc/Dockerfile": "EXPOSE 8080\n", "k8s/pod.yaml": "containerPort: 9100\n"})
    (tmp_path / "svc" / "main.go").write_bytes(LISTEN)
    monkeypatch.chdir(tmp_path)
    walked: list[str] = []
    monkeypatch.setattr(containers.os, "walk", lambda *a, **k: walked.append("walk") or iter(()))
    result = invoke(["--format", "json", "."])
    assert b"svc/Dockerfile:1 publishes its port" in result.stdout_bytes
    # The run's own discovery listed the container files: no second walk of the tree.
    assert walked == []
