#!/usr/bin/python3
"""Runs Debian's getmail6 with its child-reaping race fixed (getmail6 issue #226, "parent/child
race"; also #52/#64). getmail forks a child for every Maildir delivery, but installs its SIGCHLD
handler only after fork() and waits on a condition the handler may already have notified: when
the child exits quickly, the parent sleeps until its 60 s timeout and gives up ("waiting child
pid N timed out"). On a busy machine that happens every few hundred mails, which makes a run
fail. The fix only changes how the parent waits for its child: the handler is installed before
fork() and the wait checks whether the child was already reaped. What getmail does per message
(fork, deliver into the Maildir, fsync) is unchanged.

Usage: getmail_racefix.py [getmail arguments]
"""
import os
import runpy
import sys
import time
from argparse import Namespace

from getmailcore import baseclasses
from getmailcore.exceptions import getmailOperationError


def forkchild(self, childfun, with_out=True):
    self.child = child = Namespace()
    child.stdout = baseclasses.TemporaryFile23()
    child.stderr = baseclasses.TemporaryFile23()
    # The handler may run before fork() has returned here: waitpid(-1) reaps the child then.
    child.childpid = -1
    self._prepare_child()
    pid = os.fork()
    if pid != 0:
        child.childpid = pid
        self.log.debug('spawned child %d\n' % pid)
        child.exitcode = self._wait_for_child(pid)
        child.stderr.seek(0)
        child.err = child.stderr.read().strip().decode()
        child.stdout.seek(0)
        if with_out:
            child.out = child.stdout.read().strip()
        return child
    childfun(child.stdout, child.stderr)


def _wait_for_child(self, childpid):
    cond = self._ForkingBase__child_exited
    deadline = time.monotonic() + 60
    with cond:
        # The handler may already have reaped the child: then there is nothing to wait for.
        while self._ForkingBase__child_pid != childpid:
            if time.monotonic() > deadline:
                raise getmailOperationError('waiting child pid %d timed out' % childpid)
            cond.wait(0.01)
    status = self._ForkingBase__child_status
    if os.WIFSTOPPED(status):
        raise getmailOperationError('child pid %d stopped by signal %d'
                                    % (childpid, os.WSTOPSIG(status)))
    if os.WIFSIGNALED(status):
        raise getmailOperationError('child pid %d killed by signal %d'
                                    % (childpid, os.WTERMSIG(status)))
    if not os.WIFEXITED(status):
        raise getmailOperationError('child pid %d failed to exit' % childpid)
    return os.WEXITSTATUS(status)


baseclasses.ForkingBase.forkchild = forkchild
baseclasses.ForkingBase._wait_for_child = _wait_for_child
sys.argv[0] = '/usr/bin/getmail'
runpy.run_path('/usr/bin/getmail', run_name='__main__')
