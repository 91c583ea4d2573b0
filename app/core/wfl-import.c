/* wfl-import.c: a capacity schedule, a mix or an order book from a spreadsheet
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "wfl-import"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "wfl-format.h"
#include "wfl-import.h"

/* The largest quantity, capacity or mix (docs/scenario-format.md,
 * "Supported ranges"). */
#define MAX_FIGURE 1e15

struct _WflImport
{
  WflImportKind  kind;
  char          *node_id;
  int            link;
  WflSchedule   *schedule;   /* capacity, mix */
  GPtrArray     *orders;     /* of WflOrder* */
};

static const struct
{
  WflImportField  field;
  const char     *names;     /* header names, "|"-separated, lower case */
} header_names[] = {
  { WFL_IMPORT_FIELD_DATE, "date|week|from|datum" },
  { WFL_IMPORT_FIELD_VALUE, "value|capacity|mix|wert|kapazität|capacity a week|starts a week" },
  { WFL_IMPORT_FIELD_INTERPOLATE, "interpolate|interpolation|ramp|how" },
  { WFL_IMPORT_FIELD_ID, "id|order|order id|auftrag" },
  { WFL_IMPORT_FIELD_QUANTITY, "quantity|qty|units|menge|anzahl" },
  { WFL_IMPORT_FIELD_PLACED, "placed|order date|ordered|bestellt|erteilt" },
  { WFL_IMPORT_FIELD_DUE, "due|due date|fällig" },
  { WFL_IMPORT_FIELD_PRIORITY, "priority|priorität" },
  { WFL_IMPORT_FIELD_SOURCE, "source|quelle" },
  { WFL_IMPORT_FIELD_CONFIDENCE, "confidence|verlässlichkeit" },
};

gboolean
wfl_import_field_applies (WflImportKind  kind,
                          WflImportField field)
{
  switch (field)
    {
    case WFL_IMPORT_FIELD_DATE:
    case WFL_IMPORT_FIELD_VALUE:
    case WFL_IMPORT_FIELD_INTERPOLATE:
      return kind != WFL_IMPORT_ORDERS;
    case WFL_IMPORT_FIELD_ID:
    case WFL_IMPORT_FIELD_QUANTITY:
    case WFL_IMPORT_FIELD_PLACED:
    case WFL_IMPORT_FIELD_DUE:
    case WFL_IMPORT_FIELD_PRIORITY:
      return kind == WFL_IMPORT_ORDERS;
    case WFL_IMPORT_FIELD_SOURCE:
    case WFL_IMPORT_FIELD_CONFIDENCE:
      return TRUE;
    case WFL_IMPORT_N_FIELDS:
    default:
      return FALSE;
    }
}

gboolean
wfl_import_field_required (WflImportKind  kind,
                           WflImportField field)
{
  if (!wfl_import_field_applies (kind, field))
    return FALSE;
  return field == WFL_IMPORT_FIELD_DATE || field == WFL_IMPORT_FIELD_VALUE ||
         field == WFL_IMPORT_FIELD_QUANTITY || field == WFL_IMPORT_FIELD_PLACED;
}

const char *
wfl_import_field_get_title (WflImportField field)
{
  switch (field)
    {
    case WFL_IMPORT_FIELD_DATE: return _("Date");
    case WFL_IMPORT_FIELD_VALUE: return _("Value");
    case WFL_IMPORT_FIELD_INTERPOLATE: return _("Step or ramp");
    case WFL_IMPORT_FIELD_ID: return _("Order id");
    case WFL_IMPORT_FIELD_QUANTITY: return _("Quantity");
    case WFL_IMPORT_FIELD_PLACED: return _("Placed");
    case WFL_IMPORT_FIELD_DUE: return _("Due");
    case WFL_IMPORT_FIELD_PRIORITY: return _("Priority");
    case WFL_IMPORT_FIELD_SOURCE: return _("Source");
    case WFL_IMPORT_FIELD_CONFIDENCE: return _("Confidence");
    case WFL_IMPORT_N_FIELDS:
    default: return "";
    }
}

/* Cells ------------------------------------------------------------------ */

/* ISO dates (2024-07-01), and the day-first dates of a German or British
 * spreadsheet with dots (1.7.2024); nothing ambiguous such as 7/1/2024. */
static WflDate
parse_date (const char *text)
{
  int day, month, year;
  char end;
  WflDate date = wfl_date_parse (text);

  if (date != WFL_DATE_NONE)
    return date;
  if (sscanf (text, "%d.%d.%d%c", &day, &month, &year, &end) == 3 &&
      year >= 1 && year <= 9999 && g_date_valid_dmy (day, month, year))
    return wfl_date_from_ymd (year, month, day);
  return WFL_DATE_NONE;
}

/* English thousands: 10,000 or -1,234,567.5 (into plain, without the
 * commas). */
static gboolean
english_grouped (const char *text,
                 GString    *plain)
{
  const char *p = text;
  int digits = 0;
  gboolean grouped = FALSE;

  if (*p == '-')
    g_string_append_c (plain, *p++);
  for (; *p != '\0' && *p != '.'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (grouped && ++digits > 3)
            return FALSE;
          if (!grouped)
            digits++;
          g_string_append_c (plain, *p);
        }
      else if (*p == ',' && digits > 0 && digits <= 3 && (!grouped || digits == 3))
        {
          grouped = TRUE;
          digits = 0;
        }
      else
        return FALSE;
    }
  g_string_append (plain, p);
  return grouped && digits == 3;
}

/* What a user's spreadsheet shows: the locale's form ("2,5", "10.000"),
 * the C form ("2.5"), or English thousands ("10,000.5"). */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autoptr(GString) plain = g_string_new (NULL);

  if (wfl_parse_number_locale (text, value) && isfinite (*value))
    return TRUE;
  return english_grouped (text, plain) && wfl_parse_double (plain->str, value) && isfinite (*value);
}

typedef struct
{
  const WflImportTable   *table;
  const WflImportMapping *mapping;
  GPtrArray              *problems;
  guint                   n_problems;  /* all of them, also those not kept */
  guint                   row;         /* the table's row being read */
} Check;

static void
problem (Check          *c,
         WflImportField  field,
         const char     *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
problem (Check          *c,
         WflImportField  field,
         const char     *format,
         ...)
{
  g_autofree char *message = NULL;
  g_autofree char *column = wfl_import_column_name (MAX (c->mapping->columns[field], 0));
  va_list args;

  c->n_problems++;
  if (c->problems->len >= WFL_IMPORT_MAX_PROBLEMS)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (c->problems, g_strdup_printf ("%u:%s: %s", wfl_import_table_get_row_number (c->table, c->row),
                                                 column, message));
}

/* The trimmed text of the field in the current row; "" when not mapped. */
static char *
cell (Check          *c,
      WflImportField  field)
{
  int column = c->mapping->columns[field];

  if (column < 0)
    return g_strdup ("");
  return g_strstrip (g_strdup (wfl_import_table_get_cell (c->table, c->row, column)));
}

static gboolean
read_figure (Check          *c,
             WflImportField  field,
             const char     *what,
             double         *value)
{
  g_autofree char *text = cell (c, field);

  if (text[0] == '\0')
    {
      /* Translators: %s names a figure: "the capacity", "the quantity" */
      problem (c, field, _("%s is missing"), what);
      return FALSE;
    }
  if (!parse_number (text, value))
    {
      /* Translators: the first %s is what was found, the second names the figure */
      problem (c, field, _("“%s” is not a number (%s)"), text, what);
      return FALSE;
    }
  if (*value < 0 || *value > MAX_FIGURE)
    {
      problem (c, field, _("%s must be from 0 to 1e15, not %s"), what, text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_date (Check          *c,
           WflImportField  field,
           gboolean        required,
           WflDate        *date)
{
  g_autofree char *text = cell (c, field);

  *date = WFL_DATE_NONE;
  if (text[0] == '\0')
    {
      if (required)
        problem (c, field, _("the date is missing"));
      return !required;
    }
  *date = parse_date (text);
  if (*date == WFL_DATE_NONE)
    {
      problem (c, field, _("“%s” is not a date; write YYYY-MM-DD (or D.M.YYYY)"), text);
      return FALSE;
    }
  return TRUE;
}

/* Source and confidence, common to points and orders. */
static gboolean
read_provenance (Check          *c,
                 WflScenario    *scenario,
                 char          **source,
                 WflConfidence  *confidence)
{
  g_autofree char *source_text = cell (c, WFL_IMPORT_FIELD_SOURCE);
  g_autofree char *confidence_text = cell (c, WFL_IMPORT_FIELD_CONFIDENCE);
  gboolean ok = TRUE;

  *source = NULL;
  *confidence = 0;
  if (source_text[0] != '\0')
    {
      if (wfl_scenario_find_source (scenario, source_text) == NULL)
        {
          problem (c, WFL_IMPORT_FIELD_SOURCE, _("“%s” is not a source of the scenario"), source_text);
          ok = FALSE;
        }
      else
        *source = g_strdup (source_text);
    }
  if (confidence_text[0] != '\0')
    {
      g_autofree char *lower = g_utf8_strdown (confidence_text, -1);

      if (!wfl_confidence_from_string (lower, confidence))
        {
          problem (c, WFL_IMPORT_FIELD_CONFIDENCE, _("“%s” is not a confidence: use high, medium or low"),
                   confidence_text);
          ok = FALSE;
        }
    }
  return ok;
}

/* Rows ------------------------------------------------------------------- */

static void
read_points (Check       *c,
             WflScenario *scenario,
             WflImport   *import)
{
  const char *what = import->kind == WFL_IMPORT_MIX ? _("the mix") : _("the capacity");
  WflDate previous = WFL_DATE_NONE;
  guint previous_row = 0;

  import->schedule = wfl_schedule_new ();
  for (c->row = c->mapping->header ? 1 : 0; c->row < wfl_import_table_get_n_rows (c->table); c->row++)
    {
      g_autofree char *interpolate_text = cell (c, WFL_IMPORT_FIELD_INTERPOLATE);
      WflInterpolate interpolate = WFL_INTERPOLATE_STEP;
      WflConfidence confidence;
      char *source = NULL;
      WflDate date;
      double value;
      gboolean ok;

      ok = read_date (c, WFL_IMPORT_FIELD_DATE, TRUE, &date);
      if (date != WFL_DATE_NONE && previous != WFL_DATE_NONE && date < previous)
        {
          g_autofree char *text = wfl_date_format (date);
          g_autofree char *before = wfl_date_format (previous);

          problem (c, WFL_IMPORT_FIELD_DATE, _("%s comes before %s of row %u: sort the rows by date"),
                   text, before, previous_row);
          ok = FALSE;
        }
      if (date != WFL_DATE_NONE)
        {
          previous = date;
          previous_row = wfl_import_table_get_row_number (c->table, c->row);
        }
      ok &= read_figure (c, WFL_IMPORT_FIELD_VALUE, what, &value);
      if (interpolate_text[0] != '\0')
        {
          g_autofree char *lower = g_utf8_strdown (interpolate_text, -1);

          if (g_strcmp0 (lower, "ramp") == 0 || g_strcmp0 (lower, _("ramp")) == 0 ||
              g_strcmp0 (lower, _("linear")) == 0)
            interpolate = WFL_INTERPOLATE_LINEAR;
          else if (g_strcmp0 (lower, _("step")) == 0)
            interpolate = WFL_INTERPOLATE_STEP;
          else if (!wfl_interpolate_from_string (lower, &interpolate))
            {
              problem (c, WFL_IMPORT_FIELD_INTERPOLATE, _("“%s” is neither step nor linear"), interpolate_text);
              ok = FALSE;
            }
        }
      ok &= read_provenance (c, scenario, &source, &confidence);
      if (ok)
        {
          WflPoint *point = wfl_schedule_add_point (import->schedule, date, value, interpolate);

          point->source = source;
          point->confidence = confidence;
        }
      else
        g_free (source);
    }
}

/* The ids of the scenario's orders, but those of the customer whose
 * orders the import replaces. */
static GHashTable *
other_order_ids (WflScenario *scenario,
                 const char  *node_id)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint n = 0; n < wfl_scenario_get_n_nodes (scenario); n++)
    {
      WflNode *node = wfl_scenario_get_node (scenario, n);

      if (g_strcmp0 (node->id, node_id) == 0 || node->orders == NULL)
        continue;
      for (guint o = 0; o < node->orders->len; o++)
        g_hash_table_add (ids, ((WflOrder *) g_ptr_array_index (node->orders, o))->id);
    }
  return ids;
}

static void
read_orders (Check       *c,
             WflScenario *scenario,
             WflImport   *import)
{
  g_autoptr(GHashTable) taken = other_order_ids (scenario, import->node_id);
  g_autoptr(GHashTable) mine = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  import->orders = g_ptr_array_new_with_free_func ((GDestroyNotify) wfl_order_free);
  for (c->row = c->mapping->header ? 1 : 0; c->row < wfl_import_table_get_n_rows (c->table); c->row++)
    {
      g_autofree char *id = cell (c, WFL_IMPORT_FIELD_ID);
      g_autofree char *priority_text = cell (c, WFL_IMPORT_FIELD_PRIORITY);
      gint64 priority = 1;
      WflConfidence confidence;
      char *source = NULL;
      WflDate placed, due;
      double quantity;
      gboolean ok;

      ok = read_figure (c, WFL_IMPORT_FIELD_QUANTITY, _("the quantity"), &quantity);
      ok &= read_date (c, WFL_IMPORT_FIELD_PLACED, TRUE, &placed);
      ok &= read_date (c, WFL_IMPORT_FIELD_DUE, FALSE, &due);
      if (priority_text[0] != '\0' &&
          (!wfl_parse_int (priority_text, &priority) || priority < G_MININT32 || priority > G_MAXINT32))
        {
          problem (c, WFL_IMPORT_FIELD_PRIORITY, _("“%s” is not a whole number (the priority)"), priority_text);
          ok = FALSE;
        }
      if (id[0] == '\0')
        {
          /* Made up: the customer's id and the row's number. */
          g_free (id);
          id = g_strdup_printf ("%s-%u", import->node_id, wfl_import_table_get_row_number (c->table, c->row));
        }
      if (!wfl_id_is_valid (id))
        {
          problem (c, WFL_IMPORT_FIELD_ID, _("“%s” is not a valid order id: use only letters, digits, “_”, “.” and “-”"),
                   id);
          ok = FALSE;
        }
      else if (g_hash_table_contains (taken, id) || g_hash_table_contains (mine, id))
        {
          problem (c, WFL_IMPORT_FIELD_ID, _("the order id “%s” is already taken"), id);
          ok = FALSE;
        }
      else
        g_hash_table_add (mine, g_strdup (id));
      ok &= read_provenance (c, scenario, &source, &confidence);
      if (ok)
        {
          WflOrder *order = wfl_order_new (id, quantity, placed);

          order->due = due;
          order->priority = (int) priority;
          order->source = source;
          order->confidence = confidence;
          g_ptr_array_add (import->orders, order);
        }
      else
        g_free (source);
    }
}

WflImport *
wfl_import_build (const WflImportTable    *table,
                  const WflImportMapping  *mapping,
                  WflScenario             *scenario,
                  const char              *node_id,
                  int                      link,
                  GPtrArray              **problems)
{
  g_autoptr(WflImport) import = g_new0 (WflImport, 1);
  Check c = { table, mapping, g_ptr_array_new_with_free_func (g_free), 0, 0 };

  import->kind = mapping->kind;
  import->node_id = g_strdup (node_id);
  import->link = link;

  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    if (wfl_import_field_required (mapping->kind, f) &&
        (mapping->columns[f] < 0 || (guint) mapping->columns[f] >= wfl_import_table_get_n_columns (table)))
      g_ptr_array_add (c.problems, g_strdup_printf (_("Choose the column that holds “%s”"),
                                                    wfl_import_field_get_title (f)));
  if (c.problems->len == 0)
    {
      if (mapping->kind == WFL_IMPORT_ORDERS)
        read_orders (&c, scenario, import);
      else
        read_points (&c, scenario, import);
      if (c.n_problems == 0 && wfl_import_get_n_items (import) == 0)
        g_ptr_array_add (c.problems, g_strdup (_("The table has no rows to import")));
    }
  if (c.n_problems > c.problems->len)
    g_ptr_array_add (c.problems, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "… and %u more problem",
                                                               "… and %u more problems",
                                                               c.n_problems - c.problems->len),
                                                  c.n_problems - c.problems->len));
  if (c.problems->len > 0)
    {
      *problems = c.problems;
      return NULL;
    }
  g_ptr_array_unref (c.problems);
  *problems = NULL;
  return g_steal_pointer (&import);
}

void
wfl_import_free (WflImport *self)
{
  if (self == NULL)
    return;
  g_free (self->node_id);
  g_clear_pointer (&self->schedule, wfl_schedule_free);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_free (self);
}

guint
wfl_import_get_n_items (const WflImport *self)
{
  if (self->orders != NULL)
    return self->orders->len;
  return self->schedule != NULL ? wfl_schedule_get_n_points (self->schedule) : 0;
}

static gboolean
apply_edit (WflScenario  *scenario,
            gpointer      user_data,
            GError      **error)
{
  WflImport *self = user_data;
  WflNode *node = self->node_id != NULL ? wfl_scenario_find_node (scenario, self->node_id) : NULL;

  switch (self->kind)
    {
    case WFL_IMPORT_CAPACITY:
      if (node == NULL || wfl_schedule_equal (node->capacity, self->schedule))
        return FALSE;
      g_clear_pointer (&node->capacity, wfl_schedule_free);
      node->capacity = wfl_schedule_copy (self->schedule);
      return TRUE;
    case WFL_IMPORT_MIX:
      {
        WflLink *l;

        if (self->link < 0 || (guint) self->link >= wfl_scenario_get_n_links (scenario))
          return FALSE;
        l = wfl_scenario_get_link (scenario, self->link);
        if (wfl_schedule_equal (l->mix, self->schedule))
          return FALSE;
        g_clear_pointer (&l->mix, wfl_schedule_free);
        l->mix = wfl_schedule_copy (self->schedule);
        return TRUE;
      }
    case WFL_IMPORT_ORDERS:
    default:
      if (node == NULL || node->kind != WFL_NODE_KIND_CUSTOMER || node->orders == NULL)
        return FALSE;
      g_ptr_array_set_size (node->orders, 0);
      for (guint i = 0; i < self->orders->len; i++)
        g_ptr_array_add (node->orders, wfl_order_copy (g_ptr_array_index (self->orders, i)));
      return TRUE;
    }
}

gboolean
wfl_import_apply (WflImport   *self,
                  WflDocument *document)
{
  const char *label = self->kind == WFL_IMPORT_ORDERS ? _("Import Order Book")
                      : self->kind == WFL_IMPORT_MIX ? _("Import Mix") : _("Import Capacity Schedule");

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (WFL_IS_DOCUMENT (document), FALSE);
  return wfl_document_edit (document, label, NULL, apply_edit, self, NULL);
}

/* Guessing the mapping ---------------------------------------------------- */

static int
field_of_header (const char    *text,
                 WflImportKind  kind)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    {
      g_auto(GStrv) names = g_strsplit (header_names[i].names, "|", -1);
      g_autofree char *title = g_utf8_strdown (wfl_import_field_get_title (header_names[i].field), -1);

      if (!wfl_import_field_applies (kind, header_names[i].field))
        continue;
      if (g_strcmp0 (lower, title) == 0)
        return header_names[i].field;
      for (guint j = 0; names[j] != NULL; j++)
        if (g_strcmp0 (lower, names[j]) == 0)
          return header_names[i].field;
    }
  return -1;
}

void
wfl_import_mapping_guess (WflImportMapping     *mapping,
                          WflImportKind         kind,
                          const WflImportTable *table)
{
  guint n_columns = wfl_import_table_get_n_columns (table);
  gboolean named = FALSE, figures = FALSE;
  static const WflImportField schedule_order[] = { WFL_IMPORT_FIELD_DATE, WFL_IMPORT_FIELD_VALUE,
                                                   WFL_IMPORT_FIELD_INTERPOLATE };
  static const WflImportField order_order[] = { WFL_IMPORT_FIELD_ID, WFL_IMPORT_FIELD_QUANTITY,
                                                WFL_IMPORT_FIELD_PLACED, WFL_IMPORT_FIELD_DUE };
  static const WflImportField dated_order[] = { WFL_IMPORT_FIELD_PLACED, WFL_IMPORT_FIELD_QUANTITY,
                                                WFL_IMPORT_FIELD_DUE };
  const WflImportField *order;
  guint n_order;

  mapping->kind = kind;
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    mapping->columns[f] = -1;

  for (guint col = 0; col < n_columns; col++)
    {
      const char *text = wfl_import_table_get_cell (table, 0, col);
      int field = field_of_header (text, kind);
      double number;

      if (field >= 0 && mapping->columns[field] < 0)
        {
          mapping->columns[field] = col;
          named = TRUE;
        }
      if (parse_date (text) != WFL_DATE_NONE || parse_number (text, &number))
        figures = TRUE;
    }
  mapping->header = named || (!figures && wfl_import_table_get_n_rows (table) > 1);
  if (named)
    return;
  for (int f = 0; f < WFL_IMPORT_N_FIELDS; f++)
    mapping->columns[f] = -1;

  /* By position: date, value (, step or ramp); orders id, quantity,
   * placed, due, or placed, quantity, due when the first cell is a date. */
  if (kind != WFL_IMPORT_ORDERS)
    order = schedule_order, n_order = G_N_ELEMENTS (schedule_order);
  else if (parse_date (wfl_import_table_get_cell (table, mapping->header ? 1 : 0, 0)) != WFL_DATE_NONE)
    order = dated_order, n_order = G_N_ELEMENTS (dated_order);
  else
    order = order_order, n_order = G_N_ELEMENTS (order_order);
  for (guint i = 0; i < n_order && i < n_columns; i++)
    mapping->columns[order[i]] = i;
}
