/*
 * mclint: common definitions shared by every public header.
 *
 * Conventions (see docs/internals.md):
 * - every public name starts with mc_ (functions, types) or MC_ (macros, enumerators);
 * - functions that can fail return int: 0 on success, a negative MC_E* code on failure,
 *   with a one-line message available from mc_error_last();
 * - objects returned through an out-parameter belong to the caller and are released with
 *   the matching _free(); pointers returned by getters belong to their parent object.
 */
#ifndef MCLINT_COMMON_H
#define MCLINT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#define MCLINT_VERSION "0.1.0"

#if defined(__GNUC__)
#define MC_EXTERN(type) __attribute__((visibility("default"))) type
#define MC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define MC_EXTERN(type) type
#define MC_PRINTF(fmt, args)
#endif

/** Error codes returned by mclint functions. */
enum {
    MC_OK = 0,
    MC_ERROR = -1,     /**< generic failure; see mc_error_last() */
    MC_ENOMEM = -2,    /**< out of memory */
    MC_ENOTFOUND = -3, /**< a requested object (file, revision, key) does not exist */
    MC_EINVALID = -4,  /**< invalid argument or malformed input */
    MC_ETOOBIG = -5,   /**< input over a configured limit */
    MC_EIO = -6,       /**< operating-system or libgit2 I/O failure */
};

/** A range in a file: 1-based lines and columns (columns count Unicode code points);
 * end_col is exclusive. A zero line means "the whole file". */
typedef struct {
    unsigned line;
    unsigned col;
    unsigned end_line;
    unsigned end_col;
} mc_span;

/** Finding severities, ordered so that a larger value is more severe. */
typedef enum {
    MC_SEV_NONE = 0,
    MC_SEV_NOTE = 1,
    MC_SEV_WARNING = 2,
    MC_SEV_ERROR = 3,
} mc_severity;

/** The message of the last error on this thread ("" if none). Never NULL. */
MC_EXTERN(const char *) mc_error_last(void);

/** Set the thread's last error message; returns `code` so callers can `return mc_error_set(...)`.
 */
MC_EXTERN(int) mc_error_set(int code, const char *fmt, ...) MC_PRINTF(2, 3);

/** Clear the thread's last error. */
MC_EXTERN(void) mc_error_clear(void);

/** "error", "warning", "note" (or "none"). */
MC_EXTERN(const char *) mc_severity_name(mc_severity sev);

/** Parse "error" | "warning" | "note" (also "info" for note); returns MC_SEV_NONE if unknown. */
MC_EXTERN(mc_severity) mc_severity_parse(const char *name);

#endif
