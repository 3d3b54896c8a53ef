# tests/docs: the manual page and the bash completion agree with --help.
TESTS += tests/docs/formats.test tests/docs/man.test \
	tests/docs/nonnull.test tests/docs/options.test \
	tests/docs/completion.test tests/docs/ui-keys.test
EXTRA_DIST += tests/docs/formats.test tests/docs/man.test \
	tests/docs/nonnull.test tests/docs/options.test \
	tests/docs/completion.test tests/docs/ui-keys.test
