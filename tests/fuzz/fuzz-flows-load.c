/* fuzz-flows-load.c: libFuzzer target for the flows CSV reader
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Build:  CC=clang meson setup _build-fuzz -Dfuzzing=true \
 *           -Db_sanitize=address,undefined -Db_lundef=false
 * Run:    _build-fuzz/tests/fuzz/fuzz-flows-load -dict=tests/fuzz/flows.dict \
 *           fuzz-corpus-flows tests/fuzz/corpus-flows
 * Replay: tests/fuzz/replay-corpus.sh _build-fuzz
 *
 * Besides crashes and sanitizer reports, it checks what the reader
 * promises (wfl-flows.h, docs/architecture.md "--flows"): a refused table
 * gets one short message naming its line; an accepted one has at most
 * WFL_FLOWS_MAX_FLOWS flows, each a finite value from 0, between names it
 * holds; and a small one lays out as a Sankey of finite geometry (a sum
 * that overflowed gave NaN geometry).
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"
#include "wfl-model.h"
#include "wfl-sankey-layout.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Tables of up to this many flows are also laid out. */
#define LAYOUT_MAX_FLOWS 40

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_writer_func (wfl_fuzz_abort_on_fatal, NULL, NULL);
  return 0;
}

static void
check_layout (WflFlows *flows)
{
  g_autoptr(WflSankeyGraph) graph = wfl_sankey_graph_new_from_flows (flows);
  g_autoptr(WflSankeyLayout) layout = wfl_sankey_layout_new (graph, NULL, 800, 600);

  for (guint n = 0; n < wfl_sankey_graph_get_n_nodes (graph); n++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, n);

      g_assert_true (isfinite (g->x0) && isfinite (g->y0) && isfinite (g->x1) && isfinite (g->y1));
      g_assert_true (isfinite (g->value) && g->value >= 0);
    }
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);

      g_assert_true (isfinite (g->width) && g->width >= 0);
      g_assert_true (isfinite (g->y0) && isfinite (g->y1));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WflFlows) flows = NULL;
  g_autoptr(GError) error = NULL;

  flows = wfl_flows_new_from_data ((const char *) data, (gssize) size, &error);
  if (flows == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "line "));
      /* A value is quoted cut short: the message stays one short line. */
      g_assert_cmpuint (strlen (error->message), <, 1024);
      g_assert_null (strchr (error->message, '\n'));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (flows->flows->len, <=, WFL_FLOWS_MAX_FLOWS);
  g_assert_cmpuint (flows->n_rows, >=, flows->flows->len);
  for (guint i = 0; i < flows->flows->len; i++)
    {
      const WflFlow *flow = &g_array_index (flows->flows, WflFlow, i);

      g_assert_cmpuint (flow->source, <, wfl_flows_get_n_nodes (flows));
      g_assert_cmpuint (flow->target, <, wfl_flows_get_n_nodes (flows));
      g_assert_true (isfinite (flow->value) && flow->value >= 0);
      g_assert_cmpint (flow->line, >=, 1);
    }

  if (flows->flows->len <= LAYOUT_MAX_FLOWS)
    check_layout (flows);
  return 0;
}
