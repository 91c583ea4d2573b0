/* wfl-cli-private.h: the command line's options and its commands
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "wfl-export.h"
#include "wfl-model.h"
#include "wfl-export.h"

G_BEGIN_DECLS

/* The largest side of an export in pixels, and the largest PNG scale. */
#define WFL_CLI_MAX_SIDE 32767
#define WFL_CLI_MAX_SCALE 16

typedef struct
{
  /* --export OUT --chart sankey|gantt [--from DATE --to DATE]
   *   [--gantt-mode orders|pipeline] [--columns longest-path|short-links]
   *   [--width PX --height PX] [--scale N] */
  char    *export_path;
  char    *chart;          /* "sankey" (default), "gantt", "timeseries" or "lead-time" */
  char    *node;           /* --node ID: the node of --chart timeseries */
  char    *customer;       /* --customer ID: the customer of --chart timeseries or lead-time */
  char    *from;           /* dates as given; NULL when not given */
  char    *to;
  char    *gantt_mode;
  char    *columns;        /* the Sankey's columns; NULL = longest-path */
  int      width;          /* 0 = the chart's default */
  int      height;
  double   scale;          /* 0 = 1 */
  char    *flows_path;     /* --flows FLOWS.csv */
  gboolean simulate;       /* --simulate … --csv DIR */
  char    *csv_dir;
  char    *xlsx_path;      /* --simulate … --xlsx OUT.xlsx */
  char    *report_path;    /* --report OUT.pdf */
  gboolean bottlenecks;
  char    *validate_path;  /* --validate FILE */
  char    *save_path;      /* --save OUT */
  char    *file;           /* the positional FILE, NULL = built-in scenario */
  char    *compare_path;   /* --compare BASE: FILE is the variant */
  gboolean differences_only;
  /* Experiments (wfl-cli-experiment.c): --monte-carlo N [--seed S],
   * --sweep SPEC, --knockout WEEKS[:DATE], with --csv DIR or --xlsx OUT,
   * [--from --to] [--threads N]. */
  char    *monte_carlo;
  char    *seed;
  char    *sweep;
  char    *knockout;
  int      threads;        /* 0 = one per processor */
} WflCliOptions;

/* Loads FILE (or the built-in scenario when NULL) and validates it; on
 * failure prints the problems, a line each, to standard error as
 * FILE:LINE: message, and sets error to one line for the caller to print
 * (a summary, or why the file could not be read at all). */
WflScenario *wfl_cli_load_scenario     (const char           *file,
                                        GError              **error);

/* Each command returns the process exit status and prints its own
 * errors as one clear line (or a line per problem) on standard error. */
/* Loads options->file (wfl_cli_load_scenario()) and runs it; NULL after
 * printing the problems (FILE:LINE: message) or the error. */
WflSimulation *wfl_cli_load_and_run    (const WflCliOptions  *options);

int          wfl_cli_validate          (const WflCliOptions  *options);
/* --compare BASE [FILE] [--from --to] [--csv DIR] (wfl-cli-compare.c). */
int          wfl_cli_compare           (const WflCliOptions  *options);
/* --export OUT --compare BASE [FILE]: the difference Sankey (wfl-cli-compare.c). */
int          wfl_cli_export_compare    (const WflCliOptions  *options,
                                        WflExportFormat       format,
                                        GFile                *file);
/* The same with the node flagged (an id, or NULL) marked as the worst
 * knock-out (--knockout --chart sankey --compare BASE). */
int          wfl_cli_export_compare_flagged (const WflCliOptions *options,
                                        WflExportFormat       format,
                                        GFile                *file,
                                        const char           *flagged);
int          wfl_cli_save              (const WflCliOptions  *options);
int          wfl_cli_simulate          (const WflCliOptions  *options);
int          wfl_cli_bottlenecks       (const WflCliOptions  *options);
int          wfl_cli_export            (const WflCliOptions  *options);
int          wfl_cli_report            (const WflCliOptions  *options);
/* --export --chart timeseries|lead-time (wfl-cli-timeseries.c). */
int          wfl_cli_export_timeseries (const WflCliOptions  *options,
                                        WflExportFormat       format,
                                        GFile                *file);
int          wfl_cli_experiment        (const WflCliOptions  *options);
/* The Sankey of simulation over the weeks, with the node flagged (an id,
 * or NULL) marked as the worst knock-out (wfl-cli-export.c). */
int          wfl_cli_export_sankey_flagged (const WflCliOptions *options,
                                        WflScenario          *scenario,
                                        WflSimulation        *simulation,
                                        int                   first_week,
                                        int                   last_week,
                                        const char           *flagged,
                                        WflExportFormat       format,
                                        GFile                *file);
/* --export --chart gantt: implemented in wfl-cli-gantt.c. */
int          wfl_cli_export_gantt      (const WflCliOptions  *options,
                                        WflExportFormat       format,
                                        GFile                *file);

/* --export … --chart gantt: the Gantt of options (mode, --from/--to,
 * size) into file in format (wfl-cli-gantt.c). */
int          wfl_cli_export_gantt      (const WflCliOptions  *options,
                                        WflExportFormat       format,
                                        GFile                *file);

void         wfl_cli_print_error       (const char           *format,
                                        ...) G_GNUC_PRINTF (1, 2);
/* An error of writing file: the atomic writer's message (which names the
 * file), or "FILE: message" for other errors. */
void         wfl_cli_print_write_error (GFile                *file,
                                        const GError         *error);

/* Parses a date option strictly (YYYY-MM-DD); TRUE with WFL_DATE_NONE
 * when text is NULL.  Prints the error itself. */
gboolean     wfl_cli_parse_date        (const char           *option,
                                        const char           *text,
                                        WflDate              *date);

/* The week window of --from/--to over a calendar of n_weeks from start
 * (both inclusive), default_first..default_last when not given.  Prints
 * the error itself when a date is malformed or the window holds no week. */
gboolean     wfl_cli_parse_window      (const WflCliOptions  *options,
                                        WflDate               start,
                                        int                   n_weeks,
                                        int                   default_first,
                                        int                   default_last,
                                        int                  *first_week,
                                        int                  *last_week);

G_END_DECLS
