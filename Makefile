# Shortcuts for the two scripts the README documents.
.PHONY: run test
run:
	scripts/run.sh
test:
	scripts/test.sh
