-- The bare endpoint (GET /ping, no database; or the URL given to wrk): the framework's ceiling.
dofile((os.getenv("TILGANG_BENCH_LUA") or "bench/wrk") .. "/common.lua")
