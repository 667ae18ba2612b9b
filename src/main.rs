//! The `covenant` command: argument parsing, then one library call per subcommand.

#![forbid(unsafe_code)]

mod cli;

// An ensemble allocates and frees a few small vectors per event in every
// run on every thread; mimalloc's thread-local heaps keep that off the
// critical path that glibc's allocator puts it on.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> cli::Exit {
    cli::main()
}
