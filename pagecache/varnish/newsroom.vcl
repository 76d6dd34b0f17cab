# Varnish in front of Newsroom's app servers: keeps what the page cache keeps,
# for as long as its s-maxage says, and drops pages by surrogate key when the
# site bans them (pagecache.cdn.VarnishPurger, after each change commits).
# Set the backend (or a director over several app servers) and the purgers' ACL
# for your deployment.
vcl 4.1;

import cookie;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.X-Ban-Surrogate-Keys) {
            return (synth(400, "No surrogate keys"));
        }
        ban("obj.http.Surrogate-Key ~ " + req.http.X-Ban-Surrogate-Keys);
        return (synth(200, "Banned"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff, and readers who have just posted: their pages are theirs (the site says private, no-store).
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # The page cache keys on the language cookie alone (Vary: Cookie): keep only that one.
    if (req.http.Cookie) {
        cookie.parse(req.http.Cookie);
        cookie.keep("django_language");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    return (hash);
}
