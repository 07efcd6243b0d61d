/* `mclint rules` and `mclint explain RULE`: the catalogue as text and as docs/rules.md. */
#ifndef MC_CLI_EXPLAIN_H
#define MC_CLI_EXPLAIN_H

int mc_cli_rules(int argc, char **argv);
int mc_cli_explain(int argc, char **argv);

#endif
