# The caching proxy in front of the application servers (Varnish 7, Debian's varnish package).
#
# - Readers' pages (GET/HEAD without a session cookie, outside /admin/ and /documents/) are
#   looked up in the cache; any other cookie is dropped from such requests. Everything else,
#   signed-in editors among them, passes straight to the application.
# - A response is kept only when the application says it may be shared (Cache-Control public
#   with s-maxage: cms.core.http_cache) and it sets no cookie; it is kept for its s-maxage,
#   then served stale for up to a day while a fresh copy is fetched or while the application
#   does not answer (grace), so readers keep getting pages when every application server is down.
# - PURGE from the application (Wagtail's frontend cache, cms.core.purging) bans the path on
#   its host with every query string (a listing's pages); a path ending in "*" bans the host.
# - The parameters that social networks, messengers and campaigns add to shared links (fbclid,
#   zarsrc, utm_source…) are removed before the lookup: each click carries its own value, and
#   a burst of readers from one shared link is then answered from one cached copy. The names
#   are those of TRACKING_PARAMETERS in cms/core/page_cache.py (a test keeps the two alike).
# - X-Cache: HIT or MISS on every answer, for measuring the hit ratio.
#
# The backends (the application servers) are in
# cms-backend.vcl next to this file (deploy/varnish/cms-backend.vcl), kept apart so that the
# same rules run in tests and benchmarks against servers on other ports.
vcl 4.1;

import std;

include "cms-backend.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!std.ip(regsub(client.ip, "^::ffff:", ""), "0.0.0.0") ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.url ~ "\*$") {
            ban("obj.http.x-host == " + req.http.host + " && obj.http.x-url ~ ^" + regsub(req.url, "\*$", ""));
        } else {
            ban("obj.http.x-host == " + req.http.host + " && obj.http.x-url ~ ^" + regsub(req.url, "\?.*$", "") + "(\?|$)");
        }
        return (synth(200, "Purged"));
    }
    if (!req.http.X-Request-ID) {
        # This transaction's number and a random one: cheap, on every hit (only digits, "." and
        # "-", as the application accepts).
        set req.http.X-Request-ID = req.xid + "-" + std.random(0, 999999999);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "[?&](utm_[^=&]*|fbclid|zarsrc|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl)(=|&|$)") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[^=&]*|fbclid|zarsrc|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|ttclid|igshid|mc_cid|mc_eid|_ga|_gl)(=[^&]*)?(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    if (req.url ~ "^/(admin|documents|api|health)/" || req.url ~ "^/[a-z-]+/search/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    unset req.http.Cookie;
    unset req.http.Authorization;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.host);
    return (lookup);
}

sub vcl_backend_response {
    # What bans match on (the "ban lurker" can then test stored objects without requests).
    set beresp.http.x-url = bereq.url;
    set beresp.http.x-host = bereq.http.host;
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "public" || beresp.http.Cache-Control !~ "s-maxage") {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    set beresp.grace = 24h;
    set beresp.keep = 24h;
    return (deliver);
}

sub vcl_backend_error {
    # No application server answered a miss: a short, plain page (the proxy has no copy).
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "5";
    synthetic("The site is briefly unavailable. Please try again in a moment.");
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    unset resp.http.x-url;
    unset resp.http.x-host;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    set resp.http.X-Request-ID = req.http.X-Request-ID;
}
