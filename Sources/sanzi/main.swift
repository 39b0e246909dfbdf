import CSanziMalloc
import SanziCLI

// A run's threads (the world, the rules, the log's writer) each got a malloc arena of their
// own: bench-large at 12,000 villages peaked at 748-775 MiB with --jobs 2 against 680 with
// --jobs 1; with two arenas, 673 MiB and no slower.
sanzi_limit_malloc_arenas(2)
// Blocks of 128 KiB and more keep a mapping of their own whatever was freed before (glibc's
// threshold, made fixed): 12,000 villages over five years peaked at 308 MiB against 323 with
// --jobs 1 and 315 against 335 with --jobs 2, for twice the minor page faults (~230,000).
sanzi_map_large_blocks(128 * 1024)

SanziCommand.main()
