/* wfl-json.c
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-json"

#include "config.h"

#include <math.h>

#include "wfl-json.h"
#include "wfl-model-types.h"

struct _WflJson
{
  GString *out;
  GArray  *first;     /* stack of gboolean: nothing written yet at this level */
  gboolean after_key;
};

WflJson *
wfl_json_new (void)
{
  WflJson *self = g_new0 (WflJson, 1);
  gboolean top = TRUE;

  self->out = g_string_new (NULL);
  self->first = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_array_append_val (self->first, top);
  return self;
}

char *
wfl_json_free (WflJson *self,
               gsize   *length)
{
  char *text;

  if (length)
    *length = self->out->len;
  text = g_string_free (self->out, FALSE);
  g_array_unref (self->first);
  g_free (self);
  return text;
}

static void
separate (WflJson *self)
{
  gboolean *first = &g_array_index (self->first, gboolean, self->first->len - 1);

  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (!*first)
    g_string_append_c (self->out, ',');
  *first = FALSE;
}

static void
push (WflJson *self,
      char     c)
{
  gboolean first = TRUE;

  separate (self);
  g_string_append_c (self->out, c);
  g_array_append_val (self->first, first);
}

static void
pop (WflJson *self,
     char     c)
{
  g_return_if_fail (self->first->len > 1);
  g_array_set_size (self->first, self->first->len - 1);
  g_string_append_c (self->out, c);
}

void wfl_json_begin_object (WflJson *self) { push (self, '{'); }
void wfl_json_end_object   (WflJson *self) { pop (self, '}'); }
void wfl_json_begin_array  (WflJson *self) { push (self, '['); }
void wfl_json_end_array    (WflJson *self) { pop (self, ']'); }

static void
append_string (GString    *out,
               const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
wfl_json_key (WflJson    *self,
              const char *key)
{
  separate (self);
  append_string (self->out, key);
  g_string_append_c (self->out, ':');
  self->after_key = TRUE;
}

void
wfl_json_string (WflJson    *self,
                 const char *value)
{
  if (value == NULL)
    {
      wfl_json_null (self);
      return;
    }
  separate (self);
  append_string (self->out, value);
}

void
wfl_json_number (WflJson *self,
                 double   value)
{
  if (!isfinite (value))
    {
      wfl_json_null (self);
      return;
    }
  separate (self);
  wfl_string_append_double (self->out, value);
}

void
wfl_json_int (WflJson *self,
              gint64   value)
{
  separate (self);
  g_string_append_printf (self->out, "%" G_GINT64_FORMAT, value);
}

void
wfl_json_boolean (WflJson  *self,
                  gboolean  value)
{
  separate (self);
  g_string_append (self->out, value ? "true" : "false");
}

void
wfl_json_null (WflJson *self)
{
  separate (self);
  g_string_append (self->out, "null");
}
