"""Every change to support profiles, and every read of one by someone else (written to the
access log). Import from the submodule that owns it:

* ``getting`` — a team's Getting Support Profile: its sections and who sees each;
* ``contacts`` — its key contacts;
* ``writing`` — what every change to it shares (who may write, how it is recorded);
* ``giving`` — a person's Giving Support Profile and qualifications;
* ``reading`` — what a viewer may see of either, with reads logged.
"""
