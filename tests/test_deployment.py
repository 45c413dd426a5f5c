"""The deployment files agree with each other and with portal/settings.py.

No database needed: these read files and run `docker-compose config`, which validates the
compose file without a Docker engine.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_PY = (ROOT / "portal" / "settings.py").read_text(encoding="utf-8")
COMPOSE_YML = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def env_example_names() -> list[str]:
    names = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            names.append(line.split("=", 1)[0].strip())
    return names


def settings_variables() -> set[str]:
    """Every environment variable portal/settings.py reads through its env_* helpers."""
    return set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"", SETTINGS_PY))


def compose_config(tmp_path, env_text: str) -> subprocess.CompletedProcess:
    """Run `docker-compose config -q` on a copy of the compose file with the given .env."""
    compose = shutil.which("docker-compose")
    assert compose, (
        "docker-compose is not installed; install it with "
        "`apt-get install -y --no-install-recommends docker-compose` (.ci/run does this)."
    )
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / "Dockerfile", tmp_path / "Dockerfile")  # the build context must exist
    (tmp_path / ".env").write_text(env_text, encoding="utf-8")
    # Only PATH and HOME: variables of the calling shell would otherwise override .env.
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    return subprocess.run(
        [compose, "config", "-q"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_compose_file_is_valid_with_the_example_env(tmp_path):
    env_text = (ROOT / ".env.example").read_text(encoding="utf-8")
    result = compose_config(tmp_path, env_text)
    assert result.returncode == 0, result.stderr


def test_compose_refuses_to_run_without_a_database_password(tmp_path):
    env_text = "\n".join(
        line
        for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
        if not line.startswith("POSTGRES_PASSWORD=")
    )
    result = compose_config(tmp_path, env_text)
    assert result.returncode != 0
    assert "set POSTGRES_PASSWORD in .env" in result.stderr


def test_compose_services_and_wiring():
    for service in ("db:", "migrate:", "web:"):
        assert re.search(rf"^  {service}", COMPOSE_YML, re.MULTILINE), service
    assert re.search(r"manage\.py\W+migrate\W+--no-input", COMPOSE_YML)
    assert "condition: service_completed_successfully" in COMPOSE_YML
    assert "@db:5432/" in COMPOSE_YML
    assert "http://127.0.0.1:8000/healthz" in COMPOSE_YML
    # The media volume is mounted where MEDIA_ROOT points.
    assert "MEDIA_ROOT: /app/var/media" in COMPOSE_YML
    assert "media:/app/var/media" in COMPOSE_YML


def test_dockerfile_runs_gunicorn_as_non_root_with_collected_static_files():
    cmd = [line for line in DOCKERFILE.splitlines() if line.startswith(("CMD", "ENTRYPOINT"))]
    assert len(cmd) == 1, cmd
    assert "gunicorn" in cmd[0]
    assert "portal.wsgi" in cmd[0]
    assert "0.0.0.0:8000" in cmd[0]
    assert "collectstatic --no-input" in DOCKERFILE
    user = [line.split()[1] for line in DOCKERFILE.splitlines() if line.startswith("USER ")]
    assert user, "the image must not run as root"
    assert user[-1] not in {"root", "0"}
    # pyproject.toml names README.md as the readme, so `pip install .` needs both.
    assert "COPY pyproject.toml README.md" in DOCKERFILE


@pytest.mark.parametrize("name", env_example_names())
def test_every_example_variable_is_used(name):
    read_by_settings = name in settings_variables()
    used_by_compose = re.search(rf"\b{re.escape(name)}\b", COMPOSE_YML) is not None
    assert read_by_settings or used_by_compose, (
        f"{name} is in .env.example but neither portal/settings.py nor docker-compose.yml uses it"
    )


def test_example_env_has_the_variables_production_needs():
    names = set(env_example_names())
    assert len(names) == len(env_example_names()), "a variable is listed twice in .env.example"
    needed = {"SECRET_KEY", "DJANGO_DEBUG", "ALLOWED_HOSTS", "POSTGRES_PASSWORD"}
    assert needed <= names, needed - names


def test_readme_documents_every_setting():
    undocumented = sorted(name for name in settings_variables() if f"`{name}`" not in README)
    assert not undocumented, f"add these to the README's configuration table: {undocumented}"


def test_settings_variables_are_found():
    # Guards the regular expression above: if it stopped matching, the two tests using it
    # would pass without checking anything.
    assert {"SECRET_KEY", "DATABASE_URL", "DJANGO_DEBUG", "MEDIA_ROOT"} <= settings_variables()
