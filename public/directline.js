/*
 * A DirectLineJS-compatible object for the local page: Web Chat talks to it as
 * it would to Direct Line, and it posts each activity straight to the bot's
 * /api/messages with deliveryMode "expectReplies", then plays the replies back.
 * Only for local mode (no app id); otherwise the page uses a Direct Line token.
 */
(function () {
  'use strict';

  var STATUS = { Uninitialized: 0, Connecting: 1, Online: 2, FailedToConnect: 4, Ended: 5 };

  /** A hot observable; with an initial value it replays the latest one (like a BehaviorSubject). */
  function createSubject(hasInitial, initial) {
    var observers = [];
    var current = initial;
    var hasValue = hasInitial;
    return {
      next: function (value) {
        current = value;
        hasValue = true;
        observers.slice().forEach(function (observer) {
          if (observer.next) observer.next(value);
        });
      },
      getValue: function () {
        return current;
      },
      subscribe: function (observerOrNext, error, complete) {
        var observer = toObserver(observerOrNext, error, complete);
        observers.push(observer);
        if (hasValue && observer.next) observer.next(current);
        return subscription(function () {
          observers = observers.filter(function (other) {
            return other !== observer;
          });
        });
      },
    };
  }

  function toObserver(observerOrNext, error, complete) {
    if (typeof observerOrNext === 'function') return { next: observerOrNext, error: error, complete: complete };
    return observerOrNext || {};
  }

  function subscription(unsubscribe) {
    var sub = {
      closed: false,
      unsubscribe: function () {
        if (!sub.closed) {
          sub.closed = true;
          unsubscribe();
        }
      },
    };
    return sub;
  }

  /** A cold observable for postActivity: the work starts when Web Chat subscribes. */
  function createObservable(start) {
    return {
      subscribe: function (observerOrNext, error, complete) {
        var observer = toObserver(observerOrNext, error, complete);
        var sub = subscription(function () {});
        start({
          next: function (value) {
            if (!sub.closed && observer.next) observer.next(value);
          },
          error: function (reason) {
            if (!sub.closed && observer.error) observer.error(reason);
          },
          complete: function () {
            if (!sub.closed && observer.complete) observer.complete();
          },
        });
        return sub;
      },
    };
  }

  function randomId() {
    return Math.random().toString(36).slice(2, 10);
  }

  /**
   * options: { endpoint, userId, userName, botId, botName, getLocale }
   */
  window.createLocalDirectLine = function (options) {
    var endpoint = options.endpoint || '/api/messages';
    var conversationId = 'local-' + Date.now().toString(36) + '-' + randomId();
    var user = { id: options.userId || 'user-' + randomId(), name: options.userName || 'You', role: 'user' };
    var bot = { id: options.botId || 'pn-admissions-bot', name: options.botName || 'PN', role: 'bot' };
    var sequence = 0;
    var connectionStatus$ = createSubject(true, STATUS.Uninitialized);
    var activity$ = createSubject(false);
    var started = false;

    function nextId() {
      sequence += 1;
      return conversationId + '|' + String(sequence).padStart(7, '0');
    }

    function locale() {
      return options.getLocale ? options.getLocale() : navigator.language;
    }

    /** What the channel adds to an activity before the bot sees it. */
    function toBot(activity) {
      return Object.assign({}, activity, {
        id: activity.id || nextId(),
        timestamp: activity.timestamp || new Date().toISOString(),
        channelId: 'webchat',
        serviceUrl: window.location.origin,
        conversation: { id: conversationId },
        from: Object.assign({}, user, activity.from, { id: user.id, role: 'user' }),
        recipient: bot,
        locale: activity.locale || locale(),
        deliveryMode: 'expectReplies',
      });
    }

    /** What Direct Line adds to a bot reply before Web Chat sees it. */
    function fromBot(reply) {
      return Object.assign({}, reply, {
        id: nextId(),
        timestamp: new Date().toISOString(),
        from: Object.assign({}, bot, reply.from, { role: 'bot' }),
        conversation: { id: conversationId },
      });
    }

    function exchange(activity) {
      return fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      }).then(function (response) {
        if (!response.ok) throw new Error('The bot answered HTTP ' + response.status);
        return response.text().then(function (text) {
          var body = text ? JSON.parse(text) : {};
          return (body && body.activities) || [];
        });
      });
    }

    function playReplies(replies) {
      replies.forEach(function (reply) {
        activity$.next(fromBot(reply));
      });
    }

    function withoutReplyTo(reply) {
      return Object.assign({}, reply, { replyToId: undefined });
    }

    function connect() {
      if (started) return;
      started = true;
      connectionStatus$.next(STATUS.Connecting);
      // The join: the bot welcomes members other than itself. Online once the bot answered it.
      // Web Chat never saw the join, and holds a reply for 5 s waiting for the activity it
      // replies to: so the welcome loses its replyToId.
      var join = toBot({ type: 'conversationUpdate', membersAdded: [bot, user], from: user });
      exchange(join).then(
        function (replies) {
          connectionStatus$.next(STATUS.Online);
          playReplies(replies.map(withoutReplyTo));
        },
        function (error) {
          console.error(error);
          connectionStatus$.next(STATUS.FailedToConnect);
        },
      );
    }

    var activitySubscribe = activity$.subscribe;
    activity$.subscribe = function (observerOrNext, error, complete) {
      var sub = activitySubscribe(observerOrNext, error, complete);
      // Like Direct Line, connect when Web Chat starts listening.
      setTimeout(connect, 0);
      return sub;
    };

    return {
      activity$: activity$,
      connectionStatus$: connectionStatus$,
      postActivity: function (activity) {
        return createObservable(function (observer) {
          var sent = toBot(activity);
          exchange(sent).then(
            function (replies) {
              // The echo, with its id and the same clientActivityID, tells Web Chat the message was sent.
              activity$.next(Object.assign({}, sent, { deliveryMode: undefined }));
              observer.next(sent.id);
              observer.complete();
              playReplies(replies);
            },
            function (error) {
              observer.error(error);
            },
          );
        });
      },
      end: function () {
        connectionStatus$.next(STATUS.Ended);
      },
      conversationId: conversationId,
      userId: user.id,
    };
  };
})();
