# Newsroom's production image: the same gunicorn and gunicorn.conf.py as `make serve`.
# Build:  docker build -t newsroom .
# Run the whole site (app, worker, beat, PostgreSQL, Redis, MinIO): docker compose up  (see compose.yaml)
# The same image runs the app (default command), a worker and beat (compose.yaml gives their commands).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# 1. Dependencies, in a virtualenv that the runtime stage copies as it is.
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --require-hashes --requirement /tmp/requirements.txt

# 2. Static files, hashed and compressed for WhiteNoise. The key only lets settings load; nothing is signed.
FROM build AS static
WORKDIR /app
COPY . .
RUN DJANGO_SECRET_KEY=collectstatic-only /opt/venv/bin/python manage.py collectstatic --noinput -v0

# 3. What runs: no compiler, no pip cache, not root.
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WEB_BIND=0.0.0.0:8000
RUN groupadd --system --gid 10001 newsroom \
    && useradd --system --uid 10001 --gid newsroom --home-dir /app --shell /usr/sbin/nologin newsroom
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --chown=root:root . .
COPY --from=static --chown=root:root /app/staticfiles /app/staticfiles
# Media on the local disk only when no bucket is configured (one server); the code stays read-only.
RUN mkdir -p /app/media && chown newsroom:newsroom /app/media
USER newsroom:newsroom
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "newsroom.wsgi:application"]
