;redcode-94
;name Paper
;author drq
;strategy Replicator: copies its body elsewhere and splits into the copy, again and again.
;assert CORESIZE == 8000
len     equ     8
start   spl.b   1, 0
        spl.b   1, 0
copy    mov.i   #len, 0
loop    mov.i   <copy, <dest
        jmn.b   loop, copy
        spl.b   @dest, 0
        add.ab  #1653, dest
        mov.ab  #len, copy
dest    dat.f   #0, #3620
        end     start
