/* The command-line interface: option parsing, sub-commands, exit codes. */
#ifndef MC_CLI_CLI_H
#define MC_CLI_CLI_H

/** Exit codes, as ruff and actionlint use them. */
enum {
    MC_EXIT_OK = 0,       /**< nothing at or above the failing severity */
    MC_EXIT_FINDINGS = 1, /**< findings at or above the failing severity */
    MC_EXIT_USAGE = 2,    /**< usage, configuration or internal error */
};

int mc_cli_main(int argc, char **argv);

#endif
