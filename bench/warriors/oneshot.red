;redcode-94
;name One Shot
;author drq bench (hand-written)
;strategy Scans at a mod-8 optima step (never its own code within a pass); at the first
;strategy occupied cell it stuns a stretch with SPL, then runs a DAT core clear that spares itself.
;assert CORESIZE == 8000
step    equ     3928
ptr     dat.f   #0, #step+7
scan    add.ab  #step, ptr
        jmz.f   scan, @ptr
        mov.ab  #48, count
stun    mov.i   split, >ptr
count   djn.b   stun, #0
        mov.ab  #len, ptr
clear   mov.i   kill, >ptr
wipe    djn.b   clear, #CORESIZE-len
        mov.ab  #len, ptr
        mov.ab  #CORESIZE-len, wipe
        jmp.b   clear
split   spl.b   #0, #0
kill    dat.f   #0, #0
len     equ     kill-ptr+1
        end     scan
