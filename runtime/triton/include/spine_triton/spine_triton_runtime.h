/* libSpineTritonRuntime: what a Triton kernel compiled by the spine_triton
 * plugin, and the launcher generated for it, link against besides
 * libSpeIRRuntimeLibs.so. Plain C ABI; no function throws or aborts except
 * spine_assert on a failed condition.
 *
 *   device prints   spine_print_unranked_memref
 *   device asserts  spine_assert
 *   profiling       proton_enter_kernel / proton_exit_kernel (the launcher's
 *                   kernel-level hooks), proton_record, proton_dump,
 * proton_reset memref copies   memrefCopy (MLIR's C runner utility, which
 *                   finalize-memref-to-llvm may call)
 *
 * Names and argument orders of spine_print_unranked_memref, spine_assert,
 * proton_* and memrefCopy are the ones the Spine Triton frontend emits and
 * its launcher declares.
 */
#ifndef SPINE_TRITON_RUNTIME_H
#define SPINE_TRITON_RUNTIME_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define SPINE_TRITON_EXPORT __attribute__((visibility("default")))
#else
#define SPINE_TRITON_EXPORT
#endif

/* ---- Device prints ---------------------------------------------------- */

/* tl.device_print of a tensor, as the frontend lowers it: the tensor copied
 * to a buffer and passed as an unranked memref (rank and a pointer to the
 * strided descriptor {allocated, aligned, offset, sizes[rank],
 * strides[rank]}), described by its element's bit width and kind. 16-bit
 * floats are read as f16, 1-bit integers as one byte each. Scalars are
 * printed by the generated code itself (printf) in the same line format:
 *   (x, y, z) <prefix>: rank=2 sizes=[2, 3] [[1, 2, 3], [4, 5, 6]]
 * Each call writes its whole line at once, so the prints of concurrent
 * programs never interleave. Output goes to stdout, or stderr when
 * SPINE_TRITON_PRINT_TO_STDERR=1. Invalid arguments (NULL descriptor,
 * negative or > 16 rank, negative size, an unsupported width) print a line
 * saying so and read no memory. Returns the number of elements printed, or
 * -1 on invalid arguments. */
SPINE_TRITON_EXPORT int32_t spine_print_unranked_memref(
    int32_t pid_x, int32_t pid_y, int32_t pid_z, const char *prefix,
    int64_t rank, const void *descriptor, int32_t bit_width, int32_t is_integer,
    int32_t is_signed, int32_t as_hex);

/* ---- Device asserts ---------------------------------------------------- */

/* When bit 0 of `condition` is clear: prints
 *   <file>:<line>: <func>: block: [x, y, z] Assertion `<message>` failed.
 * to stderr and aborts the process (as a failed device assert does on a
 * GPU). SPINE_TRITON_ASSERT_NONFATAL=1 keeps running instead, counting the
 * failure (the plugin's Python launcher then raises AssertionError after the
 * grid; its driver sets the variable to 1 unless it is set). Any string
 * argument may be NULL. Generated code passes an LLVM i1, whose register
 * bits above bit 0 are undefined: only bit 0 is read. */
SPINE_TRITON_EXPORT void spine_assert(int32_t pid_x, int32_t pid_y,
                                      int32_t pid_z, int32_t condition,
                                      const char *message, const char *file,
                                      int32_t line, const char *func);
/* Failed asserts survived so far (only non-zero in non-fatal mode). */
SPINE_TRITON_EXPORT int64_t spine_assert_failure_count(void);
/* The report line (without its newline) of the most recent failed assert,
 * copied into buffer NUL-terminated and truncated to capacity - 1 bytes
 * (nothing is copied when buffer is NULL or capacity <= 0). Returns the
 * line's full length; 0 when no assert has failed. The plugin's launcher
 * raises it as Python's AssertionError. */
SPINE_TRITON_EXPORT int64_t spine_assert_last_failure(char *buffer,
                                                      int64_t capacity);

/* ---- Kernel-level profiling -------------------------------------------- */

/* The launcher brackets each launch with these (when generated with
 * PROTON_KERNEL_CAPTURE=1). One scope per (thread, kernel, grid); the
 * scope is named "<kernel>[gridX,gridY,gridZ]". Timestamps come from
 * spine_profiler_now(). */
SPINE_TRITON_EXPORT void proton_enter_kernel(const char *kernel_name, int gridX,
                                             int gridY, int gridZ);
SPINE_TRITON_EXPORT void proton_exit_kernel(const char *kernel_name, int gridX,
                                            int gridY, int gridZ);
/* A scope boundary with a caller-read timestamp (generated code reads the
 * same counter as spine_profiler_now). is_start: 1 opens `name` on the
 * calling thread, 0 closes the innermost open scope of that name. */
SPINE_TRITON_EXPORT void proton_record(const char *name, int64_t timestamp,
                                       int32_t is_start);
/* Writes the records: a Chrome trace when PROTON_OUTPUT ends in ".json",
 * else a per-scope summary to stdout. Also runs at process exit when
 * records remain. */
SPINE_TRITON_EXPORT void proton_dump(void);
/* Writes a Chrome trace (JSON) to `path`; returns 0 on success, -1 if the
 * file cannot be written. */
SPINE_TRITON_EXPORT int32_t proton_dump_chrome_trace(const char *path);
SPINE_TRITON_EXPORT void proton_reset(void);

/* The profiler's clock: rdtime on riscv64, CLOCK_MONOTONIC nanoseconds
 * elsewhere; spine_profiler_ticks_per_second says how fast it runs (the
 * device tree's timebase-frequency on riscv64, 24 MHz if unreadable). */
SPINE_TRITON_EXPORT int64_t spine_profiler_now(void);
SPINE_TRITON_EXPORT int64_t spine_profiler_ticks_per_second(void);

/* Completed scopes recorded so far, and the i-th of them (0-based, in the
 * order they completed): its name (valid until the next proton_reset) and
 * duration in ticks. Returns 0, or -1 when i is out of range. */
SPINE_TRITON_EXPORT int64_t proton_num_completed_scopes(void);
SPINE_TRITON_EXPORT int32_t proton_get_completed_scope(int64_t i,
                                                       const char **name,
                                                       int64_t *duration_ticks);

/* ---- Memref copies ---------------------------------------------------- */

/* An unranked memref as LLVM lowers it: rank and a descriptor pointer. */
typedef struct spine_unranked_memref {
  int64_t rank;
  void *descriptor;
} spine_unranked_memref_t;

/* Copies every element of src into dst (same rank and sizes, any strides),
 * element_size bytes each. Contiguous layouts are one memcpy. */
SPINE_TRITON_EXPORT void memrefCopy(int64_t element_size,
                                    spine_unranked_memref_t *src,
                                    spine_unranked_memref_t *dst);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SPINE_TRITON_RUNTIME_H */
