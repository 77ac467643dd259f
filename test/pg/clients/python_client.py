"""
Real Python clients against the mock's Postgres-wire front, for test/pg/clients.test.ts.

  /usr/bin/python3 python_client.py psycopg  PORT < steps.json
  /usr/bin/python3 python_client.py psycopg2 PORT < steps.json

`psycopg` repeats what pystackql's server mode does, call for call (pystackql/core/server.py):
psycopg.connect(dbname='stackql', user='stackql', host, port, autocommit=True, row_factory=dict_row),
`SELECT 'test' as test_value` to check the connection, then per query a cursor, cur.execute(query)
without parameters, fetchall() for queries or cur.statusmessage for statements, every exception
printed and [] returned; "new_connection" steps are its execute_query_with_new_connection (no
autocommit, the connection's context manager commits). `psycopg2` uses RealDictCursor, with and
without autocommit. Each step's answer is printed as one JSON line, with the Python type of every
value, so the test sees what the client decoded.
"""
import json
import sys


def typed(rows):
    return [{k: [type(v).__name__, v if isinstance(v, (str, bool, int, type(None))) else str(v)] for k, v in dict(r).items()} for r in rows]


def run_psycopg(port, steps):
    import psycopg
    from psycopg.rows import dict_row

    conn = psycopg.connect(dbname='stackql', user='stackql', host='127.0.0.1', port=port, autocommit=True, row_factory=dict_row)

    def execute_query(query, is_statement=False):
        try:
            with conn.cursor() as cur:
                cur.execute(query)
                if is_statement:
                    return {'rows': [{'message': cur.statusmessage}]}
                try:
                    return {'rows': typed(cur.fetchall())}
                except psycopg.ProgrammingError as e:
                    if 'no results to fetch' in str(e):
                        return {'rows': []}
                    raise
        except Exception as e:
            # pystackql prints the error and answers [].
            return {'rows': [], 'printed': f'Unexpected error during query execution: {e}', 'error': type(e).__name__, 'sqlstate': getattr(e, 'sqlstate', None)}

    def execute_query_with_new_connection(query):
        try:
            with psycopg.connect(dbname='stackql', user='stackql', host='127.0.0.1', port=port, row_factory=dict_row) as fresh:
                with fresh.cursor() as cur:
                    cur.execute(query)
                    try:
                        rows = cur.fetchall()
                    except psycopg.ProgrammingError as e:
                        if str(e) == 'no results to fetch':
                            rows = []
                        else:
                            raise
                    return {'rows': typed(rows)}
        except Exception as e:
            return {'rows': [], 'printed': f'Unexpected error while connecting to the server: {e}'}

    print(json.dumps({'check': execute_query("SELECT 'test' as test_value")}), flush=True)
    for step in steps:
        if step.get('new_connection'):
            out = execute_query_with_new_connection(step['query'])
        else:
            out = execute_query(step['query'], step.get('statement', False))
        print(json.dumps(out), flush=True)
    conn.close()


def run_psycopg2(port, steps):
    import psycopg2
    import psycopg2.extras

    conn = psycopg2.connect(dbname='stackql', user='stackql', host='127.0.0.1', port=port)
    for step in steps:
        conn.autocommit = not step.get('transaction', False)
        try:
            cur = conn.cursor(cursor_factory=psycopg2.extras.RealDictCursor)
            cur.execute(step['query'])
            out = {'rows': typed(cur.fetchall()) if cur.description is not None else [], 'status': cur.statusmessage}
            if step.get('transaction'):
                conn.commit()
        except Exception as e:
            out = {'rows': [], 'error': type(e).__name__, 'sqlstate': getattr(e, 'pgcode', None), 'message': str(e).strip()}
            if step.get('transaction'):
                conn.rollback()
        print(json.dumps(out), flush=True)
    conn.close()


if __name__ == '__main__':
    client, port = sys.argv[1], int(sys.argv[2])
    steps = json.load(sys.stdin)
    {'psycopg': run_psycopg, 'psycopg2': run_psycopg2}[client](port, steps)
