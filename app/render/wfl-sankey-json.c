/* wfl-sankey-json.c: the Sankey geometry as JSON
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout's nodes and bands in d3-sankey's shape, for the JSON
 * export (wfl_sankey_export () in wfl-sankey-render.c) and for comparing
 * with d3-sankey; a band that spans several columns also lists where it
 * passes each column between ("passes"), so that any counter can count
 * the crossings that are drawn.
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include "wfl-json.h"
#include "wfl-sankey-layout-private.h"

/* "passes": [{"layer", "x0", "x1", "y"}…]: the band's centre where it
 * runs straight through a column between its ends (points 2k - 1 and
 * 2k of its centre line). */
static void
write_passes (WflJson                     *json,
              const WflSankeyLayout       *self,
              const WflSankeyLinkGeometry *g)
{
  const WflSankeyPoint *p = &g_array_index (self->points, WflSankeyPoint, g->first_point);
  guint column = self->nodes[wfl_sankey_graph_get_link (self->graph, g - self->links)->source].column;

  wfl_json_key (json, "passes");
  wfl_json_begin_array (json);
  for (guint k = 1; 2 * k < g->n_points; k++)
    {
      wfl_json_begin_object (json);
      wfl_json_key (json, "layer");
      wfl_json_int (json, column + k);
      wfl_json_key (json, "x0");
      wfl_json_number (json, p[2 * k - 1].x);
      wfl_json_key (json, "x1");
      wfl_json_number (json, p[2 * k].x);
      wfl_json_key (json, "y");
      wfl_json_number (json, p[2 * k - 1].y);
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
}

char *
wfl_sankey_layout_to_json (const WflSankeyLayout *self,
                           gsize                 *length)
{
  WflJson *json = wfl_json_new ();
  guint n = wfl_sankey_graph_get_n_nodes (self->graph);
  guint m = wfl_sankey_graph_get_n_links (self->graph);

  wfl_json_begin_object (json);
  wfl_json_key (json, "width");
  wfl_json_number (json, self->width);
  wfl_json_key (json, "height");
  wfl_json_number (json, self->height);

  wfl_json_key (json, "nodes");
  wfl_json_begin_array (json);
  for (guint v = 0; v < n; v++)
    {
      const WflSankeyNode *node = wfl_sankey_graph_get_node (self->graph, v);
      const WflSankeyNodeGeometry *g = &self->nodes[v];

      wfl_json_begin_object (json);
      wfl_json_key (json, "id");
      wfl_json_string (json, node->id);
      wfl_json_key (json, "name");
      wfl_json_string (json, node->name);
      wfl_json_key (json, "x0");
      wfl_json_number (json, g->x0);
      wfl_json_key (json, "y0");
      wfl_json_number (json, g->y0);
      wfl_json_key (json, "x1");
      wfl_json_number (json, g->x1);
      wfl_json_key (json, "y1");
      wfl_json_number (json, g->y1);
      wfl_json_key (json, "value");
      wfl_json_number (json, g->value);
      wfl_json_key (json, "layer");
      wfl_json_int (json, g->column);
      if (node->unit != NULL)
        {
          wfl_json_key (json, "unit");
          wfl_json_string (json, node->unit);
        }
      if (node->bottleneck)
        {
          wfl_json_key (json, "bottleneck");
          wfl_json_boolean (json, TRUE);
        }
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);

  wfl_json_key (json, "links");
  wfl_json_begin_array (json);
  for (guint l = 0; l < m; l++)
    {
      const WflSankeyLink *link = wfl_sankey_graph_get_link (self->graph, l);
      const WflSankeyLinkGeometry *g = &self->links[l];

      wfl_json_begin_object (json);
      wfl_json_key (json, "source");
      wfl_json_string (json, wfl_sankey_graph_get_node (self->graph, link->source)->id);
      wfl_json_key (json, "target");
      wfl_json_string (json, wfl_sankey_graph_get_node (self->graph, link->target)->id);
      wfl_json_key (json, "value");
      wfl_json_number (json, g->value);
      wfl_json_key (json, "y0");
      wfl_json_number (json, g->y0);
      wfl_json_key (json, "y1");
      wfl_json_number (json, g->y1);
      wfl_json_key (json, "width");
      wfl_json_number (json, g->width);
      if (g->loop)
        {
          wfl_json_key (json, "circular");
          wfl_json_boolean (json, TRUE);
        }
      else if (g->n_points > 2)
        write_passes (json, self, g);
      wfl_json_end_object (json);
    }
  wfl_json_end_array (json);
  wfl_json_end_object (json);

  return wfl_json_free (json, length);
}
