/* wfl-json.h: a small JSON writer for the geometry export
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Writes compact, valid JSON into a GString.  Commas are placed
 * automatically; numbers are C-locale and round-trip (non-finite numbers
 * are written as null). */
typedef struct _WflJson WflJson;

WflJson *wfl_json_new          (void);
char    *wfl_json_free         (WflJson    *self,
                                gsize      *length);   /* returns the text, transfer full */
void     wfl_json_begin_object (WflJson    *self);
void     wfl_json_end_object   (WflJson    *self);
void     wfl_json_begin_array  (WflJson    *self);
void     wfl_json_end_array    (WflJson    *self);
void     wfl_json_key          (WflJson    *self,
                                const char *key);
void     wfl_json_string       (WflJson    *self,
                                const char *value);
void     wfl_json_number       (WflJson    *self,
                                double      value);
void     wfl_json_int          (WflJson    *self,
                                gint64      value);
void     wfl_json_boolean      (WflJson    *self,
                                gboolean    value);
void     wfl_json_null         (WflJson    *self);

G_END_DECLS
