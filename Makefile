.PHONY: install run test validate bench devset

install:
	bash scripts/install.sh

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

validate:
	.venv/bin/python -m bot.catalog.validate

bench:
	.venv/bin/python benchmarks/resolve_bench.py

devset:
	.venv/bin/python scripts/make_devset.py
