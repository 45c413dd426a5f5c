# The portal's web image: gunicorn serving portal.wsgi, static files through whitenoise.
# Debian release pinned so the apt package names below stay valid.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's runtime libraries (it loads them with ctypes/cffi; no compiler needed with wheels).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. `[tool.setuptools] packages = []`
# makes `pip install .` install only the dependencies; README.md is the package's readme.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .

# Static files are collected (hashed and compressed by whitenoise) into the image.
RUN DJANGO_DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --no-input \
    && useradd --create-home --uid 10001 --shell /usr/sbin/nologin portal \
    && mkdir -p /app/var/media \
    && chown portal:portal /app/var/media

USER portal

# MEDIA_ROOT defaults to /app/var/media: mount a volume there (docker-compose.yml does).
EXPOSE 8000

# gunicorn reads its worker count from WEB_CONCURRENCY; FORWARDED_ALLOW_IPS is read as well.
ENV WEB_CONCURRENCY=3
CMD ["gunicorn", "portal.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", "--worker-tmp-dir", "/dev/shm"]
