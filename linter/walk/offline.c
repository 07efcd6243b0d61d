/*
 * libgit2 start-up without loading TLS certificates.
 *
 * Debian's libgit2 (1.5) is built with mbedTLS, and git_libgit2_init() loads the system CA
 * bundle (/etc/ssl/certs/ca-certificates.crt, about 140 certificates) with
 * mbedtls_x509_crt_parse_file(): that is two thirds of a pre-commit sized run. mclint never
 * opens a network connection, so it has no use for trust anchors.
 *
 * This file defines the two mbedTLS functions that load certificates, and they refuse.
 * libgit2 imports them from libmbedx509.so; the dynamic linker resolves a shared library's
 * imports to the executable's definition first (ELF symbol interposition), so libgit2's
 * init calls these. libgit2 tolerates the failure: git_mbedtls_stream_global_init() ignores
 * whether the default certificates loaded, and git_mbedtls__set_cert_location() sets an
 * error (cleared by mc_walk_git_init) and leaves the CA chain empty. The only effect is
 * that a TLS connection could not verify its peer, and mclint makes none.
 *
 * A libgit2 built with OpenSSL, or with mbedTLS linked statically, never calls these: then
 * they are unused and the start-up cost stays. Configure with -DMCLINT_OFFLINE_TLS=OFF to
 * leave certificate loading alone.
 */
#include "walk/offline.h"
#include "walk/walk.h"

#include <stdatomic.h>

#ifndef MCLINT_OFFLINE_TLS
#define MCLINT_OFFLINE_TLS 1
#endif

static atomic_ulong refusals;

#if MCLINT_OFFLINE_TLS

/* MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE (mbedtls/x509.h), so that mbedtls_strerror() has
 * words for it; the headers are not needed otherwise. */
#define REFUSED (-0x2080)

/* The real first parameter is mbedtls_x509_crt *; only its address is passed. Visible
 * from the executable's dynamic symbol table, unlike the rest of mclint. */
#define INTERPOSED __attribute__((visibility("default")))

INTERPOSED int mbedtls_x509_crt_parse_file(void *chain, const char *path);
INTERPOSED int mbedtls_x509_crt_parse_path(void *chain, const char *path);

INTERPOSED int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
    (void)chain;
    (void)path;
    atomic_fetch_add(&refusals, 1);
    return REFUSED;
}

INTERPOSED int mbedtls_x509_crt_parse_path(void *chain, const char *path)
{
    (void)chain;
    (void)path;
    atomic_fetch_add(&refusals, 1);
    return REFUSED;
}

#endif

bool mc_walk_offline_tls(void)
{
    return MCLINT_OFFLINE_TLS != 0;
}

unsigned long mc_walk_offline_refusals(void)
{
    return atomic_load(&refusals);
}

int mc_walk_git_init(void)
{
    if (git_libgit2_init() < 0)
        return mc_walk_git_error(MC_ERROR, "libgit2");
    /* "failed to load CA certificates" would otherwise be the last error of this thread */
    git_error_clear();
    return 0;
}
