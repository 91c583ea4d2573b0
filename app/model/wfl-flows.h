/* wfl-flows.h: a table of flows (source,target,value) read from CSV
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define WFL_FLOWS_ERROR (wfl_flows_error_quark ())

typedef enum
{
  WFL_FLOWS_ERROR_ENCODING = 1,   /* not UTF-8 */
  WFL_FLOWS_ERROR_SYNTAX,         /* unbalanced quotes, text after a closing quote */
  WFL_FLOWS_ERROR_HEADER,         /* no header row, or too few columns in it */
  WFL_FLOWS_ERROR_ROW,            /* a bad row: wrong number of fields, bad number, negative, empty name */
  WFL_FLOWS_ERROR_TOO_LARGE,      /* more flows than WFL_FLOWS_MAX_FLOWS, or a file over WFL_FLOWS_MAX_FILE_SIZE */
} WflFlowsError;

/* The limits of a flow table (docs/architecture.md, "--flows"): a chart of
 * more flows than this is unreadable, and its layout would take minutes.
 * Values are from 0 to WFL_FLOWS_MAX_VALUE, so that no sum overflows. */
#define WFL_FLOWS_MAX_FLOWS 20000
#define WFL_FLOWS_MAX_VALUE 1e15
#define WFL_FLOWS_MAX_FILE_SIZE (64 * 1024 * 1024)

typedef struct
{
  guint   source;      /* index into nodes */
  guint   target;
  double  value;       /* the sum over every row of this pair */
  int     line;        /* line of the first row of this pair */
} WflFlow;

/* A generic flow graph: nodes by name in first-seen order, one link per
 * (source, target) pair, in first-seen order. */
typedef struct
{
  GPtrArray *names;    /* of char*, owned */
  GArray    *flows;    /* of WflFlow */
  guint      n_rows;   /* data rows read (before summing duplicates) */
} WflFlows;

GQuark    wfl_flows_error_quark  (void);

/* Reads a CSV table with a header row (RFC 4180: quoted fields, doubled
 * quotes, CRLF or LF, commas and line breaks inside quotes; UTF-8; an
 * optional byte-order mark).  The columns are found by header name
 * (source, target, value; any case), or else are the first three.  Numbers
 * use '.' as the decimal mark.  Blank lines are skipped.  Errors name the
 * line: "line 7: the value “1,5” is not a number". */
WflFlows *wfl_flows_new_from_data (const char  *data,
                                   gssize       length,
                                   GError     **error);
WflFlows *wfl_flows_new_from_file (GFile       *file,
                                   GError     **error);
void      wfl_flows_free          (WflFlows    *flows);

guint       wfl_flows_get_n_nodes (const WflFlows *flows);
const char *wfl_flows_get_name    (const WflFlows *flows,
                                   guint           node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WflFlows, wfl_flows_free)

G_END_DECLS
