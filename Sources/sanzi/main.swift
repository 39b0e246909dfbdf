import CSanziMalloc
import SanziCLI

// A run's threads (the world, the rules, the log's writer) each got a malloc arena of their
// own: bench-large at 12,000 villages peaked at 748-775 MiB with --jobs 2 against 680 with
// --jobs 1; with two arenas, 673 MiB and no slower.
sanzi_limit_malloc_arenas(2)

SanziCommand.main()
