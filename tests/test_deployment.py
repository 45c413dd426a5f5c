"""The deployment files agree with each other and with portal/settings.py.

No database needed: these read files and run `docker-compose config`, which validates the
compose file without a Docker engine.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

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


def resolved_compose(tmp_path, env_text: str | None = None) -> dict:
    """The compose file as docker-compose resolves it (anchors merged, .env substituted)."""
    if env_text is None:
        env_text = (ROOT / ".env.example").read_text(encoding="utf-8")
    shutil.copy(ROOT / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / "Dockerfile", tmp_path / "Dockerfile")
    (tmp_path / ".env").write_text(env_text, encoding="utf-8")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [shutil.which("docker-compose") or "docker-compose", "config"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return yaml.safe_load(result.stdout)


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


PORTAL_SERVICES = ("migrate", "web", "worker", "scheduler")


def test_compose_has_every_service_and_health_checks(tmp_path):
    services = resolved_compose(tmp_path)["services"]
    assert {"db", "redis", "migrate", "web", "worker", "scheduler"} <= services.keys()
    for name in ("db", "redis", "web"):
        assert services[name]["healthcheck"]["test"], name
    # Everything that talks to the database or the cache waits until they answer.
    for name in ("web", "worker", "scheduler"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name
        assert depends["migrate"]["condition"] == "service_completed_successfully", name
    # Redis is a cache: no snapshots, no append-only file.
    assert "--appendonly" in services["redis"]["command"]
    assert services["redis"]["image"].startswith("redis:7")


def test_web_can_be_scaled_without_host_port_conflicts(tmp_path):
    web = resolved_compose(tmp_path)["services"]["web"]
    assert "container_name" not in web  # a fixed name allows one container only
    (port,) = web["ports"]
    assert port["target"] == 8000
    start, end = (int(p) for p in str(port["published"]).split("-"))
    assert end - start >= 2, "each replica needs its own host port from the range"


def test_all_portal_containers_share_media_cache_and_database(tmp_path):
    services = resolved_compose(tmp_path)["services"]
    for name in PORTAL_SERVICES:
        environment = services[name]["environment"]
        assert environment["CACHE_URL"] == "redis://redis:6379/0", name
        assert "@db:5432/" in environment["DATABASE_URL"], name
    # Whatever web stores, worker and scheduler (exports, retention) find at the same place.
    for name in ("web", "worker", "scheduler"):
        environment = services[name]["environment"]
        assert environment["MEDIA_STORAGE"] == "filesystem"
        assert f"media:{environment['MEDIA_ROOT']}:rw" in services[name]["volumes"], name


def test_secrets_come_from_the_env_file_not_from_compose_or_the_image(tmp_path):
    raw = yaml.safe_load(COMPOSE_YML)
    secretive = re.compile(r"PASSWORD|SECRET|_KEY|TOKEN|DATABASE_URL")
    for name, service in raw["services"].items():
        for variable, value in (service.get("environment") or {}).items():
            if secretive.search(variable):
                assert "${" in str(value), f"{name}: {variable} is written into the file"
    for line in DOCKERFILE.splitlines():
        if line.startswith(("ENV", "ARG")):
            assert not secretive.search(line), line

    marker = "secret-from-env-" + "x" * 40
    env_text = (
        (ROOT / ".env.example")
        .read_text(encoding="utf-8")
        .replace("SECRET_KEY=change-me-to-a-long-random-string", f"SECRET_KEY={marker}")
    )
    services = resolved_compose(tmp_path, env_text)["services"]
    for name in PORTAL_SERVICES:
        assert services[name]["environment"]["SECRET_KEY"] == marker, name


def test_gunicorn_runs_without_access_log_and_control_socket():
    (cmd,) = [line for line in DOCKERFILE.splitlines() if line.startswith("CMD")]
    # The access log would write client IP addresses and query strings.
    assert "access-log" not in cmd
    assert "--no-control-socket" in cmd
    assert "WEB_CONCURRENCY" in DOCKERFILE
    # pg_dump/pg_restore for manage.py backup/restore.
    assert "postgresql-client" in DOCKERFILE


def settings_in_subprocess(code: str, **env: str) -> subprocess.CompletedProcess:
    """Import the settings with the given variables (the settings are read at import)."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_media_storage_s3_uses_private_signed_object_storage():
    result = settings_in_subprocess(
        "from django.conf import settings; "
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__module__ + '.' + type(s).__name__); "
        "print(s.bucket_name, s.default_acl, s.file_overwrite, settings.SERVE_MEDIA); "
        "print(s.url('foerderung/antrag.pdf')); "
        "d = settings.CONTENT_SECURITY_POLICY['DIRECTIVES']; print(d['img-src'], d['media-src'])",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="portal-medien",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="example-secret",
    )
    assert result.returncode == 0, result.stderr
    storage_class, options, url, csp = result.stdout.splitlines()
    assert storage_class == "storages.backends.s3.S3Storage"
    # No public ACL, no overwriting of a same-named upload, no serving from a local directory.
    assert options == "portal-medien None False False"
    # A signed, expiring URL (computed locally, no request to the endpoint).
    assert url.startswith("https://s3.example.org/portal-medien/foerderung/antrag.pdf?")
    assert "X-Amz-Signature=" in url
    assert "X-Amz-Expires=" in url
    # The browser may load the pictures from the bucket, and from nowhere else.
    assert csp == (
        "[\"'self'\", 'data:', 'https://s3.example.org'] [\"'self'\", 'https://s3.example.org']"
    )


def test_the_default_media_storage_is_the_file_system():
    result = settings_in_subprocess(
        "from django.core.files.storage import storages; print(type(storages['default']).__name__)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "FileSystemStorage"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be filesystem or s3"),
    ],
)
def test_a_bad_media_storage_setting_is_refused(env, message):
    result = settings_in_subprocess("", **env)
    assert result.returncode != 0
    assert message in result.stderr


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
    assert "COPY pyproject.toml README.md requirements.lock" in DOCKERFILE
    # Production gets exactly the locked versions, not whatever resolves on build day.
    assert "pip install --requirement requirements.lock" in DOCKERFILE


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
