/* wfl-simulation-products.c: the end products of docs/model.md
 *
 * Copyright 2026 The Waferline Authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* An end product is the unit of a customer (gpu, tpu …): what customers
 * receive is counted per end product and never added across them.  A
 * node's end products are those of the customers its flow reaches
 * (docs/model.md, "End products").  Computed once when compiling, so that
 * the results, the key figures and the bottleneck ranking (which reads
 * them from another thread) share one definition. */

#define G_LOG_DOMAIN "wfl-simulation"

#include "config.h"

#include "wfl-simulation-internal.h"

void
_wfl_simulation_compile_products (WflSimulation *self)
{
  g_autoptr(GPtrArray) units = g_ptr_array_new ();
  int P;

  self->node_product = g_new (int, MAX (self->n_nodes, 1));
  for (int n = 0; n < self->n_nodes; n++)
    {
      guint p;

      self->node_product[n] = -1;
      if (self->kind[n] != WFL_NODE_KIND_CUSTOMER)
        continue;
      for (p = 0; p < units->len; p++)
        if (g_strcmp0 (units->pdata[p], self->node_unit[n]) == 0)
          break;
      if (p == units->len)
        g_ptr_array_add (units, self->node_unit[n]);
      self->node_product[n] = (int) p;
    }

  P = self->n_products = (int) units->len;
  self->product_unit = g_new0 (char *, MAX (P, 1));
  for (int p = 0; p < P; p++)
    self->product_unit[p] = g_strdup (units->pdata[p]);

  /* Downstream first: a node reaches what its consumers reach. */
  self->reaches = g_new0 (guint8, MAX ((gsize) self->n_nodes * P, 1));
  for (int i = self->n_nodes - 1; i >= 0; i--)
    {
      int n = self->topo[i];
      guint8 *row = self->reaches + (gsize) n * P;

      if (self->node_product[n] >= 0)
        row[self->node_product[n]] = TRUE;
      for (int k = self->out_first[n]; k < self->out_first[n + 1]; k++)
        {
          const guint8 *to = self->reaches + (gsize) self->link_to[self->out_links[k]] * P;

          for (int p = 0; p < P; p++)
            row[p] |= to[p];
        }
    }

  /* An equipment supplier has no links: its tools reach what the nodes
   * it expands reach (docs/model.md, "Capacity expansions"). */
  for (int x = 0; x < self->n_expansions; x++)
    if (self->exp_supplier[x] >= 0)
      {
        guint8 *row = self->reaches + (gsize) self->exp_supplier[x] * P;
        const guint8 *to = self->reaches + (gsize) self->exp_node[x] * P;

        for (int p = 0; p < P; p++)
          row[p] |= to[p];
      }
}

guint
wfl_simulation_get_n_products (WflSimulation *self)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), 0);
  return (guint) self->n_products;
}

const char *
wfl_simulation_get_product_unit (WflSimulation *self,
                                 guint          product)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), NULL);
  g_return_val_if_fail ((int) product < self->n_products, NULL);
  return self->product_unit[product];
}

int
wfl_simulation_get_node_product (WflSimulation *self,
                                 guint          node)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), -1);
  g_return_val_if_fail ((int) node < self->n_nodes, -1);
  return self->node_product[node];
}

gboolean
wfl_simulation_node_reaches_product (WflSimulation *self,
                                     guint          node,
                                     guint          product)
{
  g_return_val_if_fail (WFL_IS_SIMULATION (self), FALSE);
  g_return_val_if_fail ((int) node < self->n_nodes, FALSE);
  g_return_val_if_fail ((int) product < self->n_products, FALSE);
  return self->reaches[(gsize) node * self->n_products + product];
}
