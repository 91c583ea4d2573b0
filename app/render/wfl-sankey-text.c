/* wfl-sankey-text.c: text sizes and quantities for the Sankey layout
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout sizes labels without laying text out: a table of ASCII
 * advances per font and size, measured once with Pango and kept for the
 * life of the process (a lock guards it: layouts run on worker threads).
 * A string with a non-ASCII byte is measured properly, whole.  Also the
 * numbers the labels show ("1 234", "3.2 M").
 */

#define G_LOG_DOMAIN "wfl-sankey"

#include "config.h"

#include <math.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "wfl-quantity.h"
#include "wfl-sankey-layout-private.h"

/* ---------------------------------------------------------------- *
 * Text sizes: a table of ASCII advances per font, measured once.
 * ---------------------------------------------------------------- */

G_LOCK_DEFINE_STATIC (metrics);
static GHashTable *metrics_cache;

const TextMetrics *
_wfl_sankey_get_metrics (const char *family,
                         double      size)
{
  g_autofree char *key = g_strdup_printf ("%s|%g", family, size);
  PangoFontMap *font_map;
  PangoContext *context;
  PangoLayout *layout;
  TextMetrics *m;
  PangoRectangle logical;
  double sum = 0;
  int n = 0;

  G_LOCK (metrics);
  if (metrics_cache == NULL)
    metrics_cache = g_hash_table_new (g_str_hash, g_str_equal);
  m = g_hash_table_lookup (metrics_cache, key);
  if (m != NULL)
    {
      G_UNLOCK (metrics);
      return m;
    }

  m = g_new0 (TextMetrics, 1);
  m->desc = pango_font_description_from_string (family);
  pango_font_description_set_size (m->desc, (int) (size * PANGO_SCALE));
  font_map = pango_cairo_font_map_get_default ();
  context = pango_font_map_create_context (font_map);
  layout = pango_layout_new (context);
  pango_layout_set_font_description (layout, m->desc);
  for (int c = 32; c < 127; c++)
    {
      char text[2] = { (char) c, 0 };

      pango_layout_set_text (layout, text, 1);
      pango_layout_get_extents (layout, NULL, &logical);
      m->ascii[c] = (double) logical.width / PANGO_SCALE;
      if (g_ascii_isalnum (c))
        sum += m->ascii[c], n++;
    }
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  m->line_height = (double) logical.height / PANGO_SCALE;
  m->average = n > 0 ? sum / n : size * 0.6;
  g_object_unref (layout);
  g_object_unref (context);

  g_hash_table_insert (metrics_cache, g_steal_pointer (&key), m);
  G_UNLOCK (metrics);
  return m;
}

/* The width of the first len bytes of text (all of it when len < 0). */
double
_wfl_sankey_text_width_len (const TextMetrics *m,
                            const char        *text,
                            gssize             len)
{
  double w = 0;

  if (len < 0)
    len = (gssize) strlen (text);
  for (gssize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];

      if (c >= 128)
        {
          /* Rare: measure the whole string properly. */
          PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
          PangoLayout *layout = pango_layout_new (context);
          PangoRectangle logical;

          pango_layout_set_font_description (layout, m->desc);
          pango_layout_set_text (layout, text, (int) len);
          pango_layout_get_extents (layout, NULL, &logical);
          g_object_unref (layout);
          g_object_unref (context);
          return (double) logical.width / PANGO_SCALE;
        }
      if (c == '\n')
        continue;
      w += m->ascii[c];
    }
  return w;
}

double
_wfl_sankey_text_width (const TextMetrics *m,
                        const char        *text)
{
  return _wfl_sankey_text_width_len (m, text, -1);
}

/* ---------------------------------------------------------------- *
 * Numbers
 * ---------------------------------------------------------------- */

char *
wfl_sankey_format_quantity (double      value,
                            const char *unit)
{
  return wfl_quantity_format (value, unit);
}
