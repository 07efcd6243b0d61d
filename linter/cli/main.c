/* mclint: the command-line program. */
#include "cli/cli.h"

int main(int argc, char **argv)
{
    return mc_cli_main(argc, argv);
}
