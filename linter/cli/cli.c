#include "cli/cli.h"

#include "mclint/common.h"

#include <stdio.h>
#include <string.h>

int mc_cli_main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--version") == 0) {
        printf("mclint %s\n", MCLINT_VERSION);
        return MC_EXIT_OK;
    }
    fprintf(stderr, "usage: mclint [options] [path...]\n");
    return MC_EXIT_USAGE;
}
