.PHONY: run test
run:  ## install, migrate, load the demo data and serve on 127.0.0.1:8000
	scripts/run.sh
test:  ## the whole test suite
	scripts/test.sh
