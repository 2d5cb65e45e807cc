"""Team packs: versions, signing, archives, publishing, fetching, the on-disk
store and the manager that installs, updates and rolls back subscribed packs.
"""
