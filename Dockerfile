# Masthead as a team server: the WSGI entry under gunicorn, as a non-root user.
#   docker build -t masthead .
#   docker run -e MASTHEAD_TOKEN=… -p 7373:7373 masthead
# compose.yaml adds PostgreSQL and Redis. docs/operators.md explains every setting.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml setup.py README.md ./
COPY package package
COPY sdk sdk
COPY extract extract
COPY server server
COPY plugins plugins
RUN pip install --no-cache-dir --prefix=/install ".[team]"

FROM python:3.11-slim
COPY --from=build /install /usr/local
RUN useradd --system --uid 10001 --home-dir /var/lib/masthead --create-home masthead
USER masthead
ENV PYTHONUNBUFFERED=1 \
    XDG_DATA_HOME=/var/lib \
    PROMETHEUS_MULTIPROC_DIR=/tmp/masthead-metrics \
    MASTHEAD_WORKERS=2
EXPOSE 7373
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:7373/api/v1/health', timeout=4)"]
# The same command the test suite runs from a venv (tests/server/test_container.py).
CMD ["sh", "-c", "rm -rf \"$PROMETHEUS_MULTIPROC_DIR\" && mkdir -p \"$PROMETHEUS_MULTIPROC_DIR\" && exec gunicorn -c python:masthead.server.gunicorn_conf --bind 0.0.0.0:7373 --workers \"$MASTHEAD_WORKERS\" masthead.server.wsgi:app"]
