/* wfl-export.h: paint a chart into a PNG, SVG or PDF file
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  WFL_EXPORT_FORMAT_PNG,
  WFL_EXPORT_FORMAT_SVG,
  WFL_EXPORT_FORMAT_PDF,
  WFL_EXPORT_FORMAT_JSON,
} WflExportFormat;

#define WFL_EXPORT_ERROR (wfl_export_error_quark ())

typedef enum
{
  WFL_EXPORT_ERROR_FORMAT = 1,   /* unknown file type */
  WFL_EXPORT_ERROR_SIZE,         /* size out of range */
  WFL_EXPORT_ERROR_CAIRO,        /* cairo failed to draw or write */
} WflExportError;

GQuark   wfl_export_error_quark       (void);

/* Paints a chart of width × height (in chart units, points for SVG/PDF)
 * onto cr, which is already scaled. */
typedef void (*WflPaintFunc) (cairo_t  *cr,
                              double    width,
                              double    height,
                              gpointer  user_data);

/* From the file name's extension (.png, .svg, .pdf, .json, any case). */
gboolean wfl_export_format_from_path  (const char       *path,
                                       WflExportFormat  *format,
                                       GError          **error);

/* Paints into a PNG (width × scale by height × scale pixels), SVG or PDF
 * (one page) and writes it atomically to file: a failure leaves any
 * existing file untouched. */
gboolean wfl_export_paint             (WflExportFormat   format,
                                       GFile            *file,
                                       double            width,
                                       double            height,
                                       double            scale,
                                       WflPaintFunc      paint,
                                       gpointer          user_data,
                                       GError          **error);

/* Writes bytes atomically to file (wfl_atomic_file_write(): a failure
 * leaves any existing file untouched). */
gboolean wfl_export_write_bytes       (GFile            *file,
                                       GBytes           *bytes,
                                       GError          **error);

G_END_DECLS
