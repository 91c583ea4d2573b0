/* wfl-export.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>

#include "wfl-atomic-file.h"
#include "wfl-export.h"

G_DEFINE_QUARK (wfl-export-error-quark, wfl_export_error)

/* Largest PNG side in pixels: beyond this cairo cannot allocate reliably. */
#define MAX_PIXELS 32767

gboolean
wfl_export_format_from_path (const char       *path,
                             WflExportFormat  *format,
                             GError          **error)
{
  const char *dot = path ? strrchr (path, '.') : NULL;

  if (dot != NULL)
    {
      if (g_ascii_strcasecmp (dot, ".png") == 0)
        return (*format = WFL_EXPORT_FORMAT_PNG), TRUE;
      if (g_ascii_strcasecmp (dot, ".svg") == 0)
        return (*format = WFL_EXPORT_FORMAT_SVG), TRUE;
      if (g_ascii_strcasecmp (dot, ".pdf") == 0)
        return (*format = WFL_EXPORT_FORMAT_PDF), TRUE;
      if (g_ascii_strcasecmp (dot, ".json") == 0)
        return (*format = WFL_EXPORT_FORMAT_JSON), TRUE;
    }

  g_set_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_FORMAT,
               _("%s: unknown file type; use .png, .svg, .pdf or .json"),
               path ? path : "");
  return FALSE;
}

static cairo_status_t
write_to_byte_array (void                *closure,
                     const unsigned char *data,
                     unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
cairo_failed (cairo_status_t   status,
              GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return FALSE;
  g_set_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_CAIRO,
               _("Drawing failed: %s"), cairo_status_to_string (status));
  return TRUE;
}

gboolean
wfl_export_write_bytes (GFile   *file,
                        GBytes  *bytes,
                        GError **error)
{
  gsize len;
  gconstpointer data = g_bytes_get_data (bytes, &len);

  return wfl_atomic_file_write (file, data, len, NULL, error);
}

gboolean
wfl_export_paint (WflExportFormat   format,
                  GFile            *file,
                  double            width,
                  double            height,
                  double            scale,
                  WflPaintFunc      paint,
                  gpointer          user_data,
                  GError          **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (paint != NULL, FALSE);

  if (scale <= 0)
    scale = 1;

  if (!(width >= 1 && height >= 1) || !isfinite (width * scale) || !isfinite (height * scale) ||
      (format == WFL_EXPORT_FORMAT_PNG && (ceil (width * scale) > MAX_PIXELS || ceil (height * scale) > MAX_PIXELS)))
    {
      g_set_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_SIZE,
                   _("A chart of %g × %g at scale %g cannot be drawn; each side must be from 1 to %d pixels"),
                   width, height, scale, MAX_PIXELS);
      return FALSE;
    }

  switch (format)
    {
    case WFL_EXPORT_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                            (int) ceil (width * scale),
                                            (int) ceil (height * scale));
      break;
    case WFL_EXPORT_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write_to_byte_array, buffer, width, height);
      break;
    case WFL_EXPORT_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write_to_byte_array, buffer, width, height);
      break;
    case WFL_EXPORT_FORMAT_JSON:
    default:
      g_set_error (error, WFL_EXPORT_ERROR, WFL_EXPORT_ERROR_FORMAT,
                   _("JSON is not a picture format"));
      return FALSE;
    }

  if (cairo_failed (cairo_surface_status (surface), error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (format == WFL_EXPORT_FORMAT_PNG)
    cairo_scale (cr, scale, scale);
  paint (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == WFL_EXPORT_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_byte_array, buffer);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (cairo_failed (status, error))
    return FALSE;

  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
  return wfl_export_write_bytes (file, bytes, error);
}
