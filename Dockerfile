# The portal's web image: gunicorn serving portal.wsgi, static files through whitenoise.
# Debian release pinned so the apt package names below stay valid.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's runtime libraries (it loads them with ctypes/cffi; no compiler needed with wheels),
# and pg_dump/pg_restore for `manage.py backup`/`restore` (bookworm's 15 matches the db service).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them: the exact versions (with hashes)
# of requirements.lock, then the project itself without resolving again. `[tool.setuptools]
# packages = []` makes `pip install .` install nothing else; README.md is the package's readme.
COPY pyproject.toml README.md requirements.lock ./
RUN pip install --requirement requirements.lock && pip install --no-deps .

COPY . .

# Static files are collected (hashed and compressed by whitenoise) into the image.
RUN DJANGO_DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --no-input \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin portal \
    && mkdir -p /app/var/media \
    && chown portal:portal /app/var/media

USER portal

# MEDIA_ROOT defaults to /app/var/media: mount a volume there (docker-compose.yml does).
EXPOSE 8000

# gunicorn reads its worker count from WEB_CONCURRENCY (sync workers: one request each, the
# simple model for a database-bound app); FORWARDED_ALLOW_IPS is read as well.
# No access log: it would write client IP addresses and query strings; the portal logs one line
# per request itself (portal/logs.py). No control socket (gunicorn ≥ 25.1): nothing uses it.
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--worker-class", "sync", "--worker-tmp-dir", "/dev/shm", "--no-control-socket"]
