/* test-sankey-export.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <glib/gstdio.h>

#include "wfl-sankey-render.h"

#define W 1280
#define H 800

/* ---- a tiny JSON reader, enough to read the export back ---- */

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } JKind;

typedef struct _JValue JValue;
struct _JValue
{
  JKind      kind;
  double     number;
  char      *string;
  GPtrArray *items;     /* array values, or object values */
  GPtrArray *keys;      /* object keys */
};

static void
jvalue_free (gpointer data)
{
  JValue *v = data;

  if (v == NULL)
    return;
  g_free (v->string);
  if (v->items)
    g_ptr_array_unref (v->items);
  if (v->keys)
    g_ptr_array_unref (v->keys);
  g_free (v);
}

static void
skip_ws (const char **p)
{
  while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
    (*p)++;
}

static JValue *parse_value (const char **p);

static char *
parse_string (const char **p)
{
  GString *s = g_string_new (NULL);

  g_assert_cmpint (**p, ==, '"');
  (*p)++;
  while (**p != '"')
    {
      g_assert_cmpint (**p, !=, '\0');
      if (**p == '\\')
        {
          (*p)++;
          switch (**p)
            {
            case 'n': g_string_append_c (s, '\n'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case 'r': g_string_append_c (s, '\r'); break;
            case 'b': g_string_append_c (s, '\b'); break;
            case 'f': g_string_append_c (s, '\f'); break;
            case 'u':
              {
                char hex[5] = { 0 };

                memcpy (hex, *p + 1, 4);
                g_string_append_unichar (s, (gunichar) g_ascii_strtoull (hex, NULL, 16));
                *p += 4;
              }
              break;
            default: g_string_append_c (s, **p); break;
            }
          (*p)++;
        }
      else
        g_string_append_c (s, *(*p)++);
    }
  (*p)++;
  return g_string_free (s, FALSE);
}

static JValue *
parse_value (const char **p)
{
  JValue *v = g_new0 (JValue, 1);

  skip_ws (p);
  if (**p == '{' || **p == '[')
    {
      gboolean object = **p == '{';

      v->kind = object ? J_OBJECT : J_ARRAY;
      v->items = g_ptr_array_new_with_free_func (jvalue_free);
      if (object)
        v->keys = g_ptr_array_new_with_free_func (g_free);
      (*p)++;
      skip_ws (p);
      if (**p == (object ? '}' : ']'))
        {
          (*p)++;
          return v;
        }
      for (;;)
        {
          skip_ws (p);
          if (object)
            {
              g_ptr_array_add (v->keys, parse_string (p));
              skip_ws (p);
              g_assert_cmpint (**p, ==, ':');
              (*p)++;
            }
          g_ptr_array_add (v->items, parse_value (p));
          skip_ws (p);
          if (**p == ',')
            {
              (*p)++;
              continue;
            }
          g_assert_cmpint (**p, ==, object ? '}' : ']');
          (*p)++;
          return v;
        }
    }
  if (**p == '"')
    {
      v->kind = J_STRING;
      v->string = parse_string (p);
      return v;
    }
  if (strncmp (*p, "true", 4) == 0 || strncmp (*p, "false", 5) == 0)
    {
      v->kind = J_BOOL;
      v->number = **p == 't';
      *p += **p == 't' ? 4 : 5;
      return v;
    }
  if (strncmp (*p, "null", 4) == 0)
    {
      v->kind = J_NULL;
      *p += 4;
      return v;
    }
  {
    char *end = NULL;

    v->kind = J_NUMBER;
    v->number = g_ascii_strtod (*p, &end);
    g_assert_true (end != *p);
    *p = end;
  }
  return v;
}

static JValue *
member (JValue     *object,
        const char *key)
{
  g_assert_cmpint (object->kind, ==, J_OBJECT);
  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (object->keys->pdata[i], key))
      return object->items->pdata[i];
  g_error ("no member “%s”", key);
  return NULL;
}

static double
number (JValue     *object,
        const char *key)
{
  JValue *v = member (object, key);

  g_assert_cmpint (v->kind, ==, J_NUMBER);
  return v->number;
}

static JValue *
member_or_null (JValue     *object,
                const char *key)
{
  g_assert_cmpint (object->kind, ==, J_OBJECT);
  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (object->keys->pdata[i], key))
      return object->items->pdata[i];
  return NULL;
}

static const char *
string (JValue     *object,
        const char *key)
{
  JValue *v = member (object, key);

  g_assert_cmpint (v->kind, ==, J_STRING);
  return v->string;
}

/* ---- fixtures ---- */

static WflSankeyLayout *
energy_layout (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "energy-uk-2050.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(WflFlows) flows = wfl_flows_new_from_file (file, &error);
  g_autoptr(WflSankeyGraph) graph = NULL;

  g_assert_no_error (error);
  graph = wfl_sankey_graph_new_from_flows (flows);
  return wfl_sankey_layout_new (graph, NULL, W, H);
}

/* A small supply chain: units change along the bands, CoWoS binds, and a
 * rework loop sends failed packages back. */
static WflSankeyLayout *
supply_layout (double width,
               double height)
{
  g_autoptr(WflSankeyGraph) g = wfl_sankey_graph_new ();
  guint tsmc = wfl_sankey_graph_add_node (g, "n5", "TSMC N5 wafers", "wafers", "TSMC");
  guint die = wfl_sankey_graph_add_node (g, "die", "H100 dies", "dies", "TSMC");
  guint hynix = wfl_sankey_graph_add_node (g, "hynix", "SK hynix HBM3", "stacks", "SK hynix");
  guint samsung = wfl_sankey_graph_add_node (g, "samsung", "Samsung HBM3", "stacks", "Samsung");
  guint cowos = wfl_sankey_graph_add_node (g, "cowos", "CoWoS-S", "packages", "TSMC");
  guint test = wfl_sankey_graph_add_node (g, "test", "Final test", "packages", "Nvidia");
  guint servers = wfl_sankey_graph_add_node (g, "hgx", "HGX servers", "servers", "Foxconn");
  guint meta = wfl_sankey_graph_add_node (g, "meta", "Meta", "GPUs", "Customers");
  guint msft = wfl_sankey_graph_add_node (g, "msft", "Microsoft", "GPUs", "Customers");
  guint coreweave = wfl_sankey_graph_add_node (g, "coreweave", "CoreWeave", "GPUs", "Customers");
  guint l;

  /* Widths in GPU equivalents; each end in its own unit. */
  l = wfl_sankey_graph_add_link (g, tsmc, die, 60000);
  wfl_sankey_graph_set_link_ends (g, l, 1000, NULL, 60000, NULL);
  l = wfl_sankey_graph_add_link (g, die, cowos, 60000);
  wfl_sankey_graph_set_link_ends (g, l, 60000, NULL, 60000, NULL);
  l = wfl_sankey_graph_add_link (g, hynix, cowos, 40000);
  wfl_sankey_graph_set_link_ends (g, l, 200000, NULL, 40000, NULL);
  l = wfl_sankey_graph_add_link (g, samsung, cowos, 12000);
  wfl_sankey_graph_set_link_ends (g, l, 60000, NULL, 12000, NULL);
  wfl_sankey_graph_add_link (g, cowos, test, 52000);
  wfl_sankey_graph_add_link (g, test, cowos, 2500);       /* rework: a loop */
  l = wfl_sankey_graph_add_link (g, test, servers, 49500);
  wfl_sankey_graph_set_link_ends (g, l, 49500, NULL, 6187, NULL);
  l = wfl_sankey_graph_add_link (g, servers, meta, 24000);
  wfl_sankey_graph_set_link_ends (g, l, 3000, NULL, 24000, NULL);
  l = wfl_sankey_graph_add_link (g, servers, msft, 17500);
  wfl_sankey_graph_set_link_ends (g, l, 2187, NULL, 17500, NULL);
  l = wfl_sankey_graph_add_link (g, servers, coreweave, 8000);
  wfl_sankey_graph_set_link_ends (g, l, 1000, NULL, 8000, NULL);
  wfl_sankey_graph_get_node (g, cowos)->bottleneck = TRUE;
  wfl_sankey_graph_get_node (g, tsmc)->quantity = 1000;
  wfl_sankey_graph_get_node (g, hynix)->quantity = 200000;
  wfl_sankey_graph_get_node (g, samsung)->quantity = 60000;
  return wfl_sankey_layout_new (g, NULL, width, height);
}

static char *
out_path (const char *name)
{
  /* WFL_TEST_OUTPUT_DIR keeps the pictures for a person to look at. */
  const char *dir = g_getenv ("WFL_TEST_OUTPUT_DIR");

  return g_build_filename (dir ? dir : g_get_tmp_dir (), name, NULL);
}

static guint32
pixel (cairo_surface_t *s,
       int              x,
       int              y)
{
  const guchar *data = cairo_image_surface_get_data (s);

  return *(const guint32 *) (const void *) (data + y * cairo_image_surface_get_stride (s) + x * 4);
}

static guint32
argb (const WflRgba *c)
{
  return 0xff000000u | (guint32) lround (c->r * 255) << 16 | (guint32) lround (c->g * 255) << 8 |
         (guint32) lround (c->b * 255);
}

/* A point with nothing on it: no node, band or label near. */
static gboolean
find_empty_point (const WflSankeyLayout *layout,
                  int                   *px,
                  int                   *py)
{
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);

  for (int y = 5; y < H - 5; y += 7)
    for (int x = 5; x < W - 5; x += 7)
      {
        gboolean clear = TRUE;

        for (int dy = -4; dy <= 4 && clear; dy += 2)
          for (int dx = -4; dx <= 4 && clear; dx += 2)
            clear = wfl_sankey_layout_hit_test (layout, x + dx, y + dy).kind == WFL_SANKEY_HIT_NONE;
        for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph) && clear; v++)
          {
            const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

            if (x > g->label_x - 20 && x < g->label_x + MAX (g->label_max_width, g->label_width) + 20 &&
                y > g->label_y - 8 && y < g->label_y + g->label_height + 8)
              clear = FALSE;
          }
        if (clear)
          {
            *px = x;
            *py = y;
            return TRUE;
          }
      }
  return FALSE;
}

static void
test_sankey_export_png (void)
{
  g_autoptr(WflSankeyLayout) layout = energy_layout ();
  g_autofree char *path = out_path ("energy.png");
  g_autofree char *path2 = out_path ("energy@2.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  g_autoptr(GError) error = NULL;
  WflChartStyle style;
  cairo_surface_t *png;
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  int ex = 0, ey = 0;

  wfl_chart_style_init_light (&style);
  g_assert_true (wfl_sankey_export (layout, &style, NULL, WFL_EXPORT_FORMAT_PNG, file, 1, &error));
  g_assert_no_error (error);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, W);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, H);
  cairo_surface_flush (png);

  /* Every node taller than a few pixels shows its own colour at its
   * centre; an empty spot shows the background. */
  for (guint v = 0; v < wfl_sankey_graph_get_n_nodes (graph); v++)
    {
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

      if (g->y1 - g->y0 < 4)
        continue;
      g_assert_cmphex (pixel (png, (int) ((g->x0 + g->x1) / 2), (int) ((g->y0 + g->y1) / 2)), ==,
                       argb (&style.categorical[g->color % WFL_CHART_N_CATEGORICAL]));
    }
  g_assert_true (find_empty_point (layout, &ex, &ey));
  g_assert_cmphex (pixel (png, ex, ey), ==, argb (&style.background));
  cairo_surface_destroy (png);

  /* Scale 2: twice the pixels. */
  g_assert_true (wfl_sankey_export (layout, &style, NULL, WFL_EXPORT_FORMAT_PNG, file2, 2, &error));
  g_assert_no_error (error);
  png = cairo_image_surface_create_from_png (path2);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 2 * W);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 2 * H);
  cairo_surface_destroy (png);

  if (!g_getenv ("WFL_TEST_OUTPUT_DIR"))
    {
      g_unlink (path);
      g_unlink (path2);
    }
  wfl_chart_style_clear (&style);
}

static guint
count_band_paths (xmlNode *node,
                  gboolean in_defs)
{
  guint n = 0;

  for (xmlNode *c = node; c != NULL; c = c->next)
    {
      gboolean defs;

      if (c->type != XML_ELEMENT_NODE)
        continue;
      defs = in_defs || xmlStrEqual (c->name, BAD_CAST "defs") || xmlStrEqual (c->name, BAD_CAST "symbol");
      if (!defs && xmlStrEqual (c->name, BAD_CAST "path"))
        {
          xmlChar *style = xmlGetProp (c, BAD_CAST "style");
          xmlChar *fill = xmlGetProp (c, BAD_CAST "fill");

          /* Bands are the only shapes filled with a gradient. */
          if ((style && strstr ((const char *) style, "url(#")) || (fill && strstr ((const char *) fill, "url(#")))
            n++;
          xmlFree (style);
          xmlFree (fill);
        }
      n += count_band_paths (c->children, defs);
    }
  return n;
}

static void
test_sankey_export_svg (void)
{
  g_autoptr(WflSankeyLayout) layout = energy_layout ();
  g_autofree char *path = out_path ("energy.svg");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  WflChartStyle style;
  xmlDoc *doc;
  guint bands = 0;
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);

  wfl_chart_style_init_light (&style);
  g_assert_true (wfl_sankey_export (layout, &style, NULL, WFL_EXPORT_FORMAT_SVG, file, 1, &error));
  g_assert_no_error (error);

  doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "svg");
  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    bands += !wfl_sankey_layout_get_link (layout, l)->loop;
  g_assert_cmpuint (count_band_paths (xmlDocGetRootElement (doc), FALSE), ==, bands);
  g_assert_cmpuint (bands, ==, 68);
  xmlFreeDoc (doc);
  if (!g_getenv ("WFL_TEST_OUTPUT_DIR"))
    g_unlink (path);
  wfl_chart_style_clear (&style);
}

static void
test_sankey_export_pdf (void)
{
  g_autoptr(WflSankeyLayout) layout = supply_layout (900, 500);
  g_autofree char *path = out_path ("supply.pdf");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  guint pages = 0;
  WflChartStyle style;

  wfl_chart_style_init_light (&style);
  g_assert_true (wfl_sankey_export (layout, &style, NULL, WFL_EXPORT_FORMAT_PDF, file, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 5);
  g_assert_true (memcmp (contents, "%PDF-", 5) == 0);
  /* The file holds binary streams: search bytes, not strings. */
  for (gsize i = 0; i + 12 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      pages++;
  g_assert_cmpuint (pages, ==, 1);
  if (!g_getenv ("WFL_TEST_OUTPUT_DIR"))
    g_unlink (path);
  wfl_chart_style_clear (&style);
}

/* A link of the JSON export as band pieces between adjacent columns:
 * from y0 through every pass (one per column between, in order, on the
 * columns' edges) to y1; loops have none. */
static void
add_json_pieces (JValue                *k,
                 const WflSankeyLayout *layout,
                 const WflSankeyLink   *lk,
                 GArray                *pieces,
                 guint                 *n_passes)
{
  JValue *passes = member_or_null (k, "passes");
  guint c0 = wfl_sankey_layout_get_node (layout, lk->source)->column;
  guint c1 = wfl_sankey_layout_get_node (layout, lk->target)->column;
  double y = number (k, "y0");
  guint n = passes != NULL ? passes->items->len : 0;

  if (member_or_null (k, "circular") != NULL)
    {
      g_assert_null (passes);
      return;
    }
  g_assert_cmpuint (c1, ==, c0 + n + 1);
  for (guint j = 0; j <= n; j++)
    {
      WflSankeyCrossingSegment piece = { c0 + j, y, 0, lk->value };

      if (j < n)
        {
          JValue *pass = passes->items->pdata[j];

          g_assert_cmpfloat (number (pass, "layer"), ==, c0 + j + 1);
          g_assert_cmpfloat (number (pass, "x0"), <, number (pass, "x1"));
          piece.y_right = number (pass, "y");
        }
      else
        piece.y_right = number (k, "y1");
      y = piece.y_right;
      g_array_append_val (pieces, piece);
    }
  *n_passes += n;
}

static void
test_sankey_export_json (void)
{
  g_autoptr(WflSankeyLayout) layout = energy_layout ();
  g_autofree char *path = out_path ("energy.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  const char *p;
  JValue *root, *nodes, *links;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (WflSankeyCrossingSegment));
  guint n_passes = 0;
  double w, json_w;
  guint64 c, json_c;

  g_assert_true (wfl_sankey_export (layout, NULL, NULL, WFL_EXPORT_FORMAT_JSON, file, 1, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  p = contents;
  root = parse_value (&p);
  skip_ws (&p);
  g_assert_cmpint (*p, ==, '\0');

  nodes = member (root, "nodes");
  links = member (root, "links");
  g_assert_cmpuint (nodes->items->len, ==, wfl_sankey_graph_get_n_nodes (graph));
  g_assert_cmpuint (links->items->len, ==, wfl_sankey_graph_get_n_links (graph));
  for (guint v = 0; v < nodes->items->len; v++)
    {
      JValue *n = nodes->items->pdata[v];
      const WflSankeyNodeGeometry *g = wfl_sankey_layout_get_node (layout, v);

      g_assert_cmpstr (string (n, "id"), ==, wfl_sankey_graph_get_node (graph, v)->id);
      g_assert_cmpstr (string (n, "name"), ==, wfl_sankey_graph_get_node (graph, v)->name);
      g_assert_cmpfloat_with_epsilon (number (n, "x0"), g->x0, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (n, "y0"), g->y0, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (n, "x1"), g->x1, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (n, "y1"), g->y1, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (n, "value"), g->value, 1e-9);
      g_hash_table_add (ids, (gpointer) string (n, "id"));
    }
  for (guint l = 0; l < links->items->len; l++)
    {
      JValue *k = links->items->pdata[l];
      const WflSankeyLinkGeometry *g = wfl_sankey_layout_get_link (layout, l);
      const WflSankeyLink *lk = wfl_sankey_graph_get_link (graph, l);

      g_assert_true (g_hash_table_contains (ids, string (k, "source")));
      g_assert_true (g_hash_table_contains (ids, string (k, "target")));
      g_assert_cmpstr (string (k, "source"), ==, wfl_sankey_graph_get_node (graph, lk->source)->id);
      g_assert_cmpstr (string (k, "target"), ==, wfl_sankey_graph_get_node (graph, lk->target)->id);
      g_assert_cmpfloat_with_epsilon (number (k, "value"), lk->value, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (k, "y0"), g->y0, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (k, "y1"), g->y1, 1e-9);
      g_assert_cmpfloat_with_epsilon (number (k, "width"), g->width, 1e-9);
      add_json_pieces (k, layout, lk, pieces, &n_passes);
    }
  /* What the file draws counts as the layout counts: pass-through points
   * and all. */
  g_assert_cmpuint (n_passes, ==, wfl_sankey_layout_get_n_waypoints (layout));
  wfl_sankey_count_crossings ((const WflSankeyCrossingSegment *) (const void *) pieces->data, pieces->len, &json_w, &json_c);
  wfl_sankey_layout_count_crossings (layout, &w, &c);
  g_assert_cmpuint (json_c, ==, c);
  g_assert_cmpfloat_with_epsilon (json_w, w, 1e-9 * MAX (w, 1));
  g_assert_cmpuint (c, >, 0);
  jvalue_free (root);
  if (!g_getenv ("WFL_TEST_OUTPUT_DIR"))
    g_unlink (path);
}

static void
test_sankey_export_states (void)
{
  /* Selection, hover, dark mode, loops, unit changes and a bottleneck all
   * paint without cairo errors, and selection dims what is unrelated. */
  g_autoptr(WflSankeyLayout) layout = supply_layout (900, 500);
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  WflSankeyRenderState state;
  WflChartStyle style;
  cairo_surface_t *plain, *selected;
  cairo_t *cr;
  guint n_texts = 0, n_loops = 0;
  int meta = wfl_sankey_graph_find_node (graph, "meta");
  int samsung = wfl_sankey_graph_find_node (graph, "samsung");
  const WflSankeyNodeGeometry *g;

  for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
    {
      n_texts += wfl_sankey_layout_get_link (layout, l)->source_text != NULL;
      n_loops += wfl_sankey_layout_get_link (layout, l)->loop;
    }
  g_assert_cmpuint (n_loops, ==, 1);
  g_assert_cmpuint (n_texts, >=, 5);

  for (int dark = 0; dark < 2; dark++)
    {
      g_autofree char *name = g_strdup_printf ("supply-%s.png", dark ? "dark-selected" : "light");
      g_autofree char *path = out_path (name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      if (dark)
        wfl_chart_style_init_dark (&style);
      else
        wfl_chart_style_init_light (&style);
      wfl_sankey_render_state_init (&state);
      if (dark)
        {
          state.selected.kind = WFL_SANKEY_HIT_NODE;
          state.selected.index = meta;
          state.hover.kind = WFL_SANKEY_HIT_LINK;
          state.hover.index = 2;
        }
      g_assert_true (wfl_sankey_export (layout, &style, &state, WFL_EXPORT_FORMAT_PNG, file, 1, &error));
      g_assert_no_error (error);
      if (!g_getenv ("WFL_TEST_OUTPUT_DIR"))
        g_unlink (path);
      wfl_chart_style_clear (&style);
    }

  /* Selecting Meta lights up its suppliers and dims its siblings'
   * branches: Samsung is upstream of Meta, so it stays bright. */
  wfl_chart_style_init_light (&style);
  plain = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 500);
  selected = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 500);
  wfl_sankey_render_state_init (&state);
  cr = cairo_create (plain);
  wfl_sankey_render (layout, cr, &style, &state);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  state.selected.kind = WFL_SANKEY_HIT_NODE;
  state.selected.index = wfl_sankey_graph_find_node (graph, "msft");
  cr = cairo_create (selected);
  wfl_sankey_render (layout, cr, &style, &state);
  cairo_destroy (cr);
  cairo_surface_flush (plain);
  cairo_surface_flush (selected);
  g = wfl_sankey_layout_get_node (layout, meta);
  /* Meta is a sibling of Microsoft: dimmed. */
  g_assert_cmphex (pixel (plain, (int) ((g->x0 + g->x1) / 2), (int) ((g->y0 + g->y1) / 2)), !=,
                   pixel (selected, (int) ((g->x0 + g->x1) / 2), (int) ((g->y0 + g->y1) / 2)));
  g = wfl_sankey_layout_get_node (layout, samsung);
  g_assert_cmphex (pixel (plain, (int) ((g->x0 + g->x1) / 2), (int) ((g->y0 + g->y1) / 2)), ==,
                   pixel (selected, (int) ((g->x0 + g->x1) / 2), (int) ((g->y0 + g->y1) / 2)));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
  wfl_chart_style_clear (&style);
}

/* The darkest grey (0–1, channel mean) in a box of an image. */
static double
darkest (cairo_surface_t *s,
         double           x0,
         double           y0,
         double           x1,
         double           y1)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  double least = 1;

  for (int y = MAX (0, (int) floor (y0)); y < MIN (h, (int) ceil (y1)); y++)
    for (int x = MAX (0, (int) floor (x0)); x < MIN (w, (int) ceil (x1)); x++)
      {
        guint32 p = pixel (s, x, y);

        least = MIN (least, (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / (3 * 255.0));
      }
  return least;
}

/* Under a selection the texts of what is dimmed fade as a whole: no part
 * of a band-end text or of a node's value keeps an opaque colour (the
 * painter's one PangoLayout used to carry the last label's markup colour
 * into the next plain text, and a span colour ignored the fading). */
static void
test_sankey_export_dimmed_text (void)
{
  g_autoptr(WflSankeyLayout) layout = supply_layout (900, 500);
  WflSankeyGraph *graph = wfl_sankey_layout_get_graph (layout);
  WflSankeyRenderState state;
  WflChartStyle style;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 500);
  int hynix = wfl_sankey_graph_find_node (graph, "hynix");
  int n5 = wfl_sankey_graph_find_node (graph, "n5");
  int die = wfl_sankey_graph_find_node (graph, "die");
  int msft = wfl_sankey_graph_find_node (graph, "msft");
  const WflSankeyNodeGeometry *g;
  guint n_checked = 0;
  cairo_t *cr;

  wfl_chart_style_init_light (&style);
  for (int pass = 0; pass < 2; pass++)
    {
      /* Samsung lights its downstream only: SK hynix's band to CoWoS is
       * dimmed.  Meta dims its sibling Microsoft. */
      wfl_sankey_render_state_init (&state);
      state.selected.kind = WFL_SANKEY_HIT_NODE;
      state.selected.index = wfl_sankey_graph_find_node (graph, pass == 0 ? "samsung" : "meta");
      cr = cairo_create (image);
      wfl_sankey_render (layout, cr, &style, &state);
      cairo_destroy (cr);
      cairo_surface_flush (image);

      if (pass == 0)
        for (guint l = 0; l < wfl_sankey_graph_get_n_links (graph); l++)
          {
            const WflSankeyLinkGeometry *lg = wfl_sankey_layout_get_link (layout, l);
            guint source = wfl_sankey_graph_get_link (graph, l)->source;

            /* The bands out of TSMC, the dies and SK hynix are dimmed.
             * Foreground at 0.3 over a 0.6 plate: never below ~0.45 even
             * over a black band; the opaque dim colour is 0.37. */
            if (source != (guint) hynix && source != (guint) n5 && source != (guint) die)
              continue;
            if (lg->source_text_visible)
              {
                g_assert_cmpfloat (darkest (image, lg->x0 + 4, lg->y0 - 5, lg->x0 + 60, lg->y0 + 5), >, 0.5);
                n_checked++;
              }
            if (lg->target_text_visible)
              {
                g_assert_cmpfloat (darkest (image, lg->x1 - 60, lg->y1 - 5, lg->x1 - 4, lg->y1 + 5), >, 0.5);
                n_checked++;
              }
          }
      else
        {
          g = wfl_sankey_layout_get_node (layout, msft);
          g_assert_true (g->label_visible);
          g_assert_cmpfloat (darkest (image, g->label_x, g->label_y,
                                      g->label_x + g->label_width, g->label_y + g->label_height), >, 0.5);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >=, 2);
  cairo_surface_destroy (image);
  wfl_chart_style_clear (&style);
}

/* Paints layout at scale onto a fresh image: straight when direct, else
 * through cairo's paths. */
static cairo_surface_t *
paint_image (const WflSankeyLayout *layout,
             const WflChartStyle   *style,
             double                 scale,
             gboolean               direct)
{
  int w = (int) ceil (wfl_sankey_layout_get_width (layout) * scale);
  int h = (int) ceil (wfl_sankey_layout_get_height (layout) * scale);
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (image);

  cairo_scale (cr, scale, scale);
  if (!direct)
    {
      /* A round clip around everything: no longer a rectangle, so the
       * painter falls back to cairo's paths. */
      cairo_arc (cr, w / 2.0, h / 2.0, 4.0 * (w + h), 0, 2 * G_PI);
      cairo_clip (cr);
    }
  wfl_sankey_render (layout, cr, style, NULL);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* The mean difference of two images per channel (0–255), and the share
 * of pixels where some channel differs by more than far. */
static double
image_difference (cairo_surface_t *a,
                  cairo_surface_t *b,
                  int              far,
                  double          *far_share)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  double sum = 0;
  guint64 n_far = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = pixel (a, x, y), q = pixel (b, x, y);
        int most = 0;

        for (int shift = 0; shift < 32; shift += 8)
          {
            int d = abs ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff));

            sum += d;
            most = MAX (most, d);
          }
        n_far += most > far;
      }
  *far_share = (double) n_far / ((double) w * h);
  return sum / ((double) w * h * 4);
}

/* Image targets get the bands rasterised straight into their pixels;
 * the picture must be cairo's (up to anti-aliasing), at any scale, and
 * stay inside the clip. */
static void
test_sankey_export_raster (void)
{
  g_autoptr(WflSankeyLayout) layout = energy_layout ();
  WflChartStyle style;
  double scales[] = { 1, 2, 1.5 };
  cairo_surface_t *full, *clipped;
  cairo_t *cr;
  int cx = 300, cy = 200, cw = 500, ch = 300;
  double far_share;

  for (int dark = 0; dark < 2; dark++)
    {
      if (dark)
        wfl_chart_style_init_dark (&style);
      else
        wfl_chart_style_init_light (&style);
      for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
        {
          cairo_surface_t *a = paint_image (layout, &style, scales[i], TRUE);
          cairo_surface_t *b = paint_image (layout, &style, scales[i], FALSE);
          double mean = image_difference (a, b, 40, &far_share);

          g_test_message ("scale %g: mean difference %.3f, %.5f far", scales[i], mean, far_share);
          g_assert_cmpfloat (mean, <, 0.4);
          /* Not cairo's own picture: its sampled anti-aliasing differs
           * from the exact one in the last bits along every band edge
           * (0.05–0.1 here, < 0.005 between two cairo paintings), which
           * shows that the direct path ran at all. */
          g_assert_cmpfloat (mean, >, 0.02);
          g_assert_cmpfloat (far_share, <, 1e-4);
          cairo_surface_destroy (a);
          cairo_surface_destroy (b);
        }
      wfl_chart_style_clear (&style);
    }

  /* A clip: nothing outside changes, the inside is the full picture's. */
  wfl_chart_style_init_light (&style);
  full = paint_image (layout, &style, 1, TRUE);
  clipped = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cr = cairo_create (clipped);
  cairo_set_source_rgb (cr, 1, 0, 1);
  cairo_paint (cr);
  cairo_rectangle (cr, cx, cy, cw, ch);
  cairo_clip (cr);
  wfl_sankey_render (layout, cr, &style, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (clipped);
  for (int y = 0; y < H; y += 3)
    for (int x = 0; x < W; x += 3)
      {
        gboolean inside = x >= cx && x < cx + cw && y >= cy && y < cy + ch;

        if (inside)
          g_assert_cmphex (pixel (clipped, x, y), ==, pixel (full, x, y));
        else
          g_assert_cmphex (pixel (clipped, x, y), ==, 0xffff00ff);
      }
  cairo_surface_destroy (full);
  cairo_surface_destroy (clipped);
  wfl_chart_style_clear (&style);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/wfl/render/sankey-export/png", test_sankey_export_png);
  g_test_add_func ("/wfl/render/sankey-export/svg", test_sankey_export_svg);
  g_test_add_func ("/wfl/render/sankey-export/pdf", test_sankey_export_pdf);
  g_test_add_func ("/wfl/render/sankey-export/json", test_sankey_export_json);
  g_test_add_func ("/wfl/render/sankey-export/raster", test_sankey_export_raster);
  g_test_add_func ("/wfl/render/sankey-export/states", test_sankey_export_states);
  g_test_add_func ("/wfl/render/sankey-export/dimmed-text", test_sankey_export_dimmed_text);

  return g_test_run ();
}
