import { ForeignKey, planLeadPurge } from './lead-purge-plan';

const fk = (child: string, parent: string, childColumn = 'lead_id', parentColumn = 'id', onDelete = 'a'): ForeignKey => ({
  child, parent, childColumns: [childColumn], parentColumns: [parentColumn], onDelete,
});

describe('planLeadPurge', () => {
  it('deletes children before parents and the lead last', () => {
    const steps = planLeadPurge(
      [
        fk('sends', 'delivery_assignments', 'assignment_id'),
        fk('sends', 'leads'),
        fk('delivery_assignments', 'leads'),
        fk('delivery_assignments', 'delivery_accounts', 'delivery_account_id'),
        fk('compliance_results', 'leads'),
      ],
      'leads',
    );
    const order = steps.map((s) => s.table);
    expect(order.at(-1)).toBe('leads');
    expect(order).toContain('compliance_results');
    expect(order).not.toContain('delivery_accounts');
    // sends is reached twice: directly, and through its assignment (before the assignment goes).
    expect(steps.filter((s) => s.table === 'sends')).toEqual([
      { table: 'sends', where: '(lead_id) IN (SELECT id FROM leads WHERE id = $1)' },
      { table: 'sends', where: '(assignment_id) IN (SELECT id FROM delivery_assignments WHERE (lead_id) IN (SELECT id FROM leads WHERE id = $1))' },
    ]);
    expect(order.lastIndexOf('sends')).toBeLessThan(order.indexOf('delivery_assignments'));
    expect(steps.at(-1)).toEqual({ table: 'leads', where: 'id = $1' });
  });

  it('leaves SET NULL references and self-references to Postgres', () => {
    const steps = planLeadPurge([fk('leads', 'leads', 'original_id'), fk('notes', 'leads', 'lead_id', 'id', 'n'), fk('x', 'leads', 'lead_id', 'id', 'c')], 'leads');
    expect(steps.map((s) => s.table)).toEqual(['x', 'leads']);
  });

  it('stops at cycles between other tables', () => {
    const steps = planLeadPurge([fk('a', 'leads'), fk('b', 'a', 'a_id'), fk('a', 'b', 'b_id')], 'leads');
    expect(steps.map((s) => s.table)).toEqual(['b', 'a', 'leads']);
  });
});
